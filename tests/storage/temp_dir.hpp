#pragma once
/// A unique temporary directory for storage tests that use real database files; removed afterwards.

#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace storage::testing {

/// A fresh directory under the system temp directory, deleted with everything in it (-wal, -shm).
class temp_dir {
public:
    temp_dir() {
        std::random_device random;
        auto const base = std::filesystem::temp_directory_path();
        do {
            path_ = base / ("qunbot-storage-test-" + std::to_string(random()) + "-" + std::to_string(random()));
        } while (!std::filesystem::create_directory(path_));
    }
    ~temp_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    /// A path inside the directory (the file itself is not created).
    std::string file(std::string const& name = "qunbot.db") const { return (path_ / name).string(); }
    std::filesystem::path const& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace storage::testing
