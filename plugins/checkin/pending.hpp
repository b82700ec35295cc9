#pragma once
/// Confirmations collected for a group's combined message, kept in the database so that a restart
/// or a crash before the message went out does not lose them.

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace plugins::checkin {

/// One collected confirmation line.
struct pending_line {
    std::int64_t id = 0;
    std::string line;
    std::int64_t at = 0;  ///< unix seconds of the check-in
};

class pending_confirmations {
public:
    explicit pending_confirmations(storage::database& db) : db_(db) {}

    void add(std::string const& g, std::string const& line, std::int64_t at);
    /// A group's lines, oldest first.
    std::vector<pending_line> of(std::string const& g);
    /// Forgets a group's lines up to and including `last_id`: the ones just sent.
    void remove_through(std::string const& g, std::int64_t last_id);
    /// The groups with lines waiting.
    std::vector<std::string> groups();

private:
    storage::database& db_;
};

}  // namespace plugins::checkin
