#include "tests/support/bot_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/process.hpp"

namespace testing {

unsigned short free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bot_process::bot_process(std::string const& toml) {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("qunbot-e2e-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "bot.toml") << toml;
    start();
}

void bot_process::start() {
    if (running()) throw std::logic_error("the bot is still running");
    if (runs_++ > 0) {
        std::error_code ec;
        std::filesystem::rename(dir_ / "stderr.log", dir_ / ("stderr." + std::to_string(runs_ - 1) + ".log"), ec);
    }
    auto config = (dir_ / "bot.toml").string();
    auto log = (dir_ / "stderr.log").string();
    auto binary = qunbot_binary();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::chdir(dir_.c_str());
        int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        ::dup2(null, 1);
        ::dup2(err, 2);
        // The test's own sockets (fake implementations) must not leak into the bot.
        for (int fd = 3; fd < 1024; ++fd) ::close(fd);
        ::execl(binary.c_str(), binary.c_str(), "--config", config.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
}

bot_process::~bot_process() {
    if (running()) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status_, 0);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

std::string bot_process::log() const {
    std::stringstream s;
    s << std::ifstream(dir_ / "stderr.log").rdbuf();
    return s.str();
}

bool bot_process::wait_for_log(std::string const& needle, std::chrono::milliseconds timeout) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (log().find(needle) != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return log().find(needle) != std::string::npos;
}

bool bot_process::running() {
    if (pid_ <= 0) return false;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
    }
    return true;
}

int bot_process::stop() {
    if (running()) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, &status_, 0);
        pid_ = -1;
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
}

void bot_process::kill() {
    if (running()) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status_, 0);
        pid_ = -1;
    }
}

}  // namespace testing
