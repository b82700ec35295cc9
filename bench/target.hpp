#pragma once
/// The program under test as a child process: started with its output to a log file, measured
/// from /proc (resident memory, its peak, CPU seconds), stopped with SIGTERM.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bench {

class target {
public:
    /// Starts `argv` in `dir`, its standard output and error appended to `log`. Throws
    /// std::runtime_error when it cannot start.
    target(std::vector<std::string> argv, std::filesystem::path dir, std::filesystem::path log);
    ~target();
    target(target const&) = delete;
    target& operator=(target const&) = delete;

    int pid() const { return pid_; }
    bool running();
    /// SIGTERM, then SIGKILL after `grace_seconds`; the exit status.
    int stop(int grace_seconds = 10);

    /// Resident set now and its peak over the process's life (VmRSS, VmHWM), in KiB; 0 when gone.
    std::uint64_t rss_kib() const;
    std::uint64_t peak_rss_kib() const;
    /// Starts the peak RSS (VmHWM) again from the current RSS, so the next reading is of what follows.
    void reset_peak_rss() const;
    /// User plus system CPU seconds so far.
    double cpu_seconds() const;

private:
    int pid_ = -1;
    int status_ = -1;
};

/// CPU seconds (user + system) of this process so far.
double own_cpu_seconds();

/// Adds `rows` counted check-in rows on the days before the check-ins already in the database,
/// shaped like the ones the check-in plugin wrote (the database must hold at least one). Returns
/// the rows in checkin_days afterwards.
std::uint64_t prefill_checkins(std::filesystem::path const& db, std::uint64_t rows, int groups, int members);

}  // namespace bench
