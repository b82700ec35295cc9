#pragma once
/// A schema step, as plugins declare them (the database that applies them is storage/database.hpp).

#include <string>

namespace storage {

/// One schema step of one owner (the core, or a plugin by name). Versions start at 1 and only grow.
struct migration {
    int version;
    std::string sql;  ///< one or more statements, run in one transaction
};

}  // namespace storage
