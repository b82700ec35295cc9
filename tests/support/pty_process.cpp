#include "tests/support/pty_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace testing {

pty_process::pty_process(std::vector<std::string> const& argv, std::filesystem::path const& dir) {
    master_ = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master_ < 0 || ::grantpt(master_) != 0 || ::unlockpt(master_) != 0)
        throw std::runtime_error("cannot open a pseudo-terminal");
    std::string slave = ::ptsname(master_);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        // A session of its own, with the pseudo-terminal as its controlling terminal, like a login.
        ::setsid();
        int fd = ::open(slave.c_str(), O_RDWR);
        if (fd < 0) ::_exit(126);
        ::ioctl(fd, TIOCSCTTY, 0);
        winsize size{};
        size.ws_row = 24;
        size.ws_col = 80;
        ::ioctl(fd, TIOCSWINSZ, &size);
        ::dup2(fd, 0);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        for (int other = 3; other < 1024; ++other) ::close(other);
        if (::chdir(dir.c_str()) != 0) ::_exit(126);
        ::setenv("TERM", "xterm", 1);
        for (auto const* name : {"LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "EDITRC"}) ::unsetenv(name);
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGPIPE, SIG_DFL);
        std::vector<char*> args;
        for (auto const& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::fcntl(master_, F_SETFL, ::fcntl(master_, F_GETFL) | O_NONBLOCK);
}

pty_process::~pty_process() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) ::close(master_);
}

void pty_process::type(std::string_view keys) {
    while (!keys.empty()) {
        auto n = ::write(master_, keys.data(), keys.size());
        if (n > 0) {
            keys.remove_prefix(static_cast<std::size_t>(n));
        } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
            throw std::runtime_error("cannot type at the pseudo-terminal");
        } else {
            pollfd p{master_, POLLOUT, 0};
            ::poll(&p, 1, 100);
        }
    }
}

bool pty_process::pump(std::chrono::milliseconds timeout) {
    pollfd p{master_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return true;
    char buf[4096];
    auto n = ::read(master_, buf, sizeof buf);
    if (n > 0) {
        out_.append(buf, static_cast<std::size_t>(n));
        return true;
    }
    // EIO: every slave descriptor is closed, the program is gone.
    return n < 0 && (errno == EAGAIN || errno == EINTR);
}

bool pty_process::expect(std::string_view needle, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (auto at = out_.find(needle, seen_); at != std::string::npos) {
            seen_ = at + needle.size();
            return true;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        if (!pump(std::min(left, std::chrono::milliseconds(100)))) {
            return out_.find(needle, seen_) != std::string::npos;
        }
    }
}

int pty_process::wait(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (pid_ > 0) {
        pump(std::chrono::milliseconds(20));
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
        }
    }
    // What the program wrote before it exited is still in the terminal.
    pollfd p{master_, POLLIN, 0};
    while (::poll(&p, 1, 0) > 0 && pump(std::chrono::milliseconds(0))) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace testing
