#pragma once
/// Starts a program with arguments and input, and collects its exit code and output, for tests
/// that run the real qunbot binary.

#include <chrono>
#include <string>
#include <vector>

namespace testing {

struct process_result {
    int exit_code = -1;  ///< the exit status, or 128 + signal when killed
    std::string out;
    std::string err;
};

/// Runs `argv` with `input` on standard input; kills it after `timeout`.
process_result run_process(std::vector<std::string> const& argv, std::string const& input = {},
                           std::chrono::seconds timeout = std::chrono::seconds(60));

/// The qunbot binary under test (from the QUNBOT_BINARY environment variable set by ctest).
std::string qunbot_binary();
/// The source tree (QUNBOT_SOURCE), for bot.toml and fixtures.
std::string source_dir();

}  // namespace testing
