#pragma once
/// The welcome plugin's tables (owner "welcome").

#include <vector>

#include "storage/database.hpp"

namespace plugins::welcome {

/// The schema steps, in order.
std::vector<storage::migration> const& schema();

}  // namespace plugins::welcome
