#pragma once
/// The real qunbot binary running in the background with a given bot.toml, for end-to-end tests
/// over the network: its log is collected, and it is stopped (or killed) at the end.

#include <chrono>
#include <filesystem>
#include <string>

namespace testing {

/// A free TCP port on 127.0.0.1 (bound and released; fine for tests).
unsigned short free_port();

class bot_process {
public:
    /// Writes `toml` to a temporary folder (the database goes there too) and starts qunbot on it.
    explicit bot_process(std::string const& toml);
    ~bot_process();
    bot_process(bot_process const&) = delete;
    bot_process& operator=(bot_process const&) = delete;

    /// Everything the bot logged so far (stderr) since it was last started.
    std::string log() const;
    /// Waits until the log contains `needle`; false after `timeout`.
    bool wait_for_log(std::string const& needle, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
    bool running();
    /// SIGTERM and wait; returns the exit status.
    int stop();
    /// SIGKILL and wait, like a crash or a power cut of the process.
    void kill();
    /// Starts the bot again in the same folder, on the same bot.toml and database, after stop()
    /// or kill(). The previous run's log is kept as stderr.<n>.log.
    void start();
    std::filesystem::path const& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    int pid_ = -1;
    int status_ = -1;
    int runs_ = 0;
};

}  // namespace testing
