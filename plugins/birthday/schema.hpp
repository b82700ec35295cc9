#pragma once
/// The birthday plugin's tables (owner "birthday").

#include <vector>

#include "storage/database.hpp"

namespace plugins::birthday {

/// The schema steps, in order.
std::vector<storage::migration> const& schema();

}  // namespace plugins::birthday
