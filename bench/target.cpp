#include "bench/target.hpp"
#include "storage/database.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

namespace bench {

namespace {

std::uint64_t status_field(int pid, std::string const& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(key + ":")) return std::stoull(line.substr(key.size() + 1));
    }
    return 0;
}

std::string strip_digits(std::string s) {
    while (!s.empty() && s.back() >= '0' && s.back() <= '9') s.pop_back();
    return s;
}

}  // namespace

target::target(std::vector<std::string> argv, std::filesystem::path dir, std::filesystem::path log) {
    if (argv.empty()) throw std::runtime_error("nothing to start");
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        if (::chdir(dir.c_str()) != 0) ::_exit(126);
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::close(fd);
        }
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
}

target::~target() {
    if (pid_ > 0 && status_ < 0) stop(2);
}

bool target::running() {
    if (status_ >= 0) return false;
    int st = 0;
    if (::waitpid(pid_, &st, WNOHANG) == pid_) {
        status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        return false;
    }
    return true;
}

int target::stop(int grace_seconds) {
    if (!running()) return status_;
    ::kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(grace_seconds);
    while (running()) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            int st = 0;
            ::waitpid(pid_, &st, 0);
            status_ = 128 + SIGKILL;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return status_;
}

std::uint64_t target::rss_kib() const { return status_ < 0 ? status_field(pid_, "VmRSS") : 0; }
std::uint64_t target::peak_rss_kib() const { return status_ < 0 ? status_field(pid_, "VmHWM") : 0; }

void target::reset_peak_rss() const {
    if (status_ >= 0) return;
    // Linux: writing 5 to clear_refs resets the process's VmHWM to its current RSS.
    std::ofstream out("/proc/" + std::to_string(pid_) + "/clear_refs");
    out << "5";
}

double target::cpu_seconds() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream rest(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    // After the command come state (field 3) ... utime (14) and stime (15).
    for (int i = 3; i <= 15 && rest >> field; ++i)
        if (i >= 14) ticks += std::stod(field);
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double own_cpu_seconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    auto sec = [](timeval t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return sec(u.ru_utime) + sec(u.ru_stime);
}

std::uint64_t prefill_checkins(std::filesystem::path const& db, std::uint64_t rows, int groups, int members) {
    SQLite::Database d(db.string(), SQLite::OPEN_READWRITE);
    d.exec("PRAGMA journal_mode=WAL");
    SQLite::Statement sample(d, "SELECT group_key, user, day, at FROM checkin_days WHERE kind = 0 ORDER BY day LIMIT 1");
    if (!sample.executeStep()) throw std::runtime_error("no check-in row to copy the shape of; run a check-in phase first");
    auto group_prefix = strip_digits(sample.getColumn(0).getString());
    auto user_prefix = strip_digits(sample.getColumn(1).getString());
    auto first_day = sample.getColumn(2).getInt64();
    auto first_at = sample.getColumn(3).getInt64();
    // Each past day: every group has the same share of members checked in, ranked 1, 2, ...
    std::uint64_t const per_group = 25;
    std::uint64_t const per_day = per_group * static_cast<std::uint64_t>(groups);
    SQLite::Transaction tx(d);
    SQLite::Statement put(d,
                          "INSERT OR IGNORE INTO checkin_days(group_key, user, day, kind, at, rank, streak, total, "
                          "outputs, chars, images, note) VALUES(?1, ?2, ?3, 0, ?4, ?5, ?6, ?6, 0, 0, 0, '')");
    auto const days = static_cast<std::int64_t>((rows + per_day - 1) / per_day);
    for (std::uint64_t i = 0; i < rows; ++i) {
        auto back = static_cast<std::int64_t>(i / per_day) + 1;
        auto slot = i % per_day;
        auto group = static_cast<int>(slot % static_cast<std::uint64_t>(groups));
        auto rank = static_cast<std::int64_t>(slot / static_cast<std::uint64_t>(groups)) + 1;
        auto member = static_cast<int>((slot / static_cast<std::uint64_t>(groups) + static_cast<std::uint64_t>(back) * per_group) %
                                       static_cast<std::uint64_t>(members));
        put.bind(1, group_prefix + std::to_string(700000001 + group));
        put.bind(2, user_prefix + std::to_string(200000001 + member));
        put.bind(3, first_day - back);
        put.bind(4, first_at - back * 86400);
        put.bind(5, rank);
        put.bind(6, days - back + 1);
        put.exec();
        put.reset();
    }
    tx.commit();
    SQLite::Statement count(d, "SELECT count(*) FROM checkin_days");
    count.executeStep();
    return static_cast<std::uint64_t>(count.getColumn(0).getInt64());
}

}  // namespace bench
