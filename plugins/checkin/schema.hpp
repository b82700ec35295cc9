#pragma once
/// The check-in plugin's tables (owner "checkin"), applied at start and by anyone reading them.

#include <vector>

#include "storage/database.hpp"

namespace plugins::checkin {

/// The schema steps, in order.
std::vector<storage::migration> const& schema();

}  // namespace plugins::checkin
