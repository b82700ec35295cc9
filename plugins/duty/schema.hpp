#pragma once
#include <vector>

#include "storage/migration.hpp"

namespace plugins::duty {
/// The duty plugin's migrations.
std::vector<storage::migration> const& schema();
}  // namespace plugins::duty
