#pragma once
/// A program running on a pseudo-terminal, for tests that type at the real binary the way a person
/// does: keys go in as bytes, and what the terminal shows is collected and waited for.

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace testing {

class pty_process {
public:
    /// Starts `argv` in `dir` with a new pseudo-terminal (80×24, TERM=xterm) as its standard input,
    /// output and error. Locale variables are removed, so the program sees the plain C locale.
    pty_process(std::vector<std::string> const& argv, std::filesystem::path const& dir);
    ~pty_process();
    pty_process(pty_process const&) = delete;
    pty_process& operator=(pty_process const&) = delete;

    /// Types `keys` (raw bytes: "\t", "\x7f" for backspace, "\x1b[A" for the up arrow).
    void type(std::string_view keys);
    /// Waits until the screen output after the last expect() contains `needle`; false after
    /// `timeout`. On success, later expect() calls look only at what came after it.
    bool expect(std::string_view needle, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Everything the terminal has shown so far.
    std::string const& output() const { return out_; }
    /// Waits for the program to exit (killing it after `timeout`); returns the exit status, or
    /// 128 + signal.
    int wait(std::chrono::milliseconds timeout = std::chrono::seconds(20));

private:
    /// Reads what is there, waiting up to `timeout` for something; false once the terminal closed.
    bool pump(std::chrono::milliseconds timeout);

    int master_ = -1;
    int pid_ = -1;
    std::string out_;
    std::size_t seen_ = 0;
};

}  // namespace testing
