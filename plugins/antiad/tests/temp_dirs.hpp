#pragma once
// Folders in the system's temporary directory for one test run's files, removed when it ends.

#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <set>
#include <string>

namespace antiad_test {

/// `<tmp>/qunbot-antiad-<kind>-<pid>`, created on first use and removed with what it holds when
/// the test program exits.
inline std::filesystem::path run_temp_dir(std::string const& kind) {
    struct registry {
        std::mutex mu;
        std::set<std::filesystem::path> dirs;
        ~registry() {
            std::error_code ec;
            for (auto const& d : dirs) std::filesystem::remove_all(d, ec);
        }
    };
    static registry made;
    auto dir = std::filesystem::temp_directory_path() / ("qunbot-antiad-" + kind + "-" + std::to_string(::getpid()));
    std::lock_guard lock(made.mu);
    std::filesystem::create_directories(dir);
    made.dirs.insert(dir);
    return dir;
}

}  // namespace antiad_test
