// The sandbox's line editor on a pseudo-terminal, and TAB completion as plain functions.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>

#include "adapters/console/completion.hpp"
#include "adapters/console/line_editor.hpp"

using adapters::console::complete;
using adapters::console::edit_context;
using adapters::console::line_editor;

TEST_CASE("TAB completes a command that alone fits, with a space after it", "[console][completion]") {
    auto c = complete({{"/ping"}, {"/plugin"}, {":poke"}}, "/pi");
    CHECK(c.insert == "ng ");
    CHECK(c.matches.empty());
}

TEST_CASE("TAB inserts what several candidates share and lists them", "[console][completion]") {
    auto c = complete({{"/plugin"}, {"/plugins"}, {"/ping"}, {"/profile"}, {"/plugin"}}, "/pl");
    CHECK(c.insert == "ugin");
    CHECK(c.matches == std::vector<std::string>{"/plugin", "/plugins"});
    auto several = complete({{"/ping"}, {"/plugin"}, {"/profile"}}, "/p");
    CHECK(several.insert.empty());
    CHECK(several.matches == std::vector<std::string>{"/ping", "/plugin", "/profile"});
}

TEST_CASE("TAB completes later words among what follows the earlier ones", "[console][completion]") {
    std::vector<adapters::console::phrase> phrases{
        {":as", "bob"}, {":as", "alice"}, {":join", "carol"}, {"/antiad", "rule", "add"}, {"/antiad", "rule", "list"}};
    CHECK(complete(phrases, ":as b").insert == "ob ");
    CHECK(complete(phrases, ":as ").matches == std::vector<std::string>{"alice", "bob"});
    CHECK(complete(phrases, "/antiad rule l").insert == "ist ");
    CHECK(complete(phrases, ":join b").insert.empty());
    CHECK(complete(phrases, "hello wor").matches.empty());
}

TEST_CASE("TAB never inserts half of a Chinese character", "[console][completion]") {
    // 签 is E7 AD BE and 等 is E7 AD 89: the bytes they share are no character.
    auto c = complete({{"/签到"}, {"/等等"}}, "/");
    CHECK(c.insert.empty());
    CHECK(c.matches.size() == 2);
    CHECK(complete({{"/签到"}, {"/签退"}}, "/").insert == "签");
    CHECK(complete({{"/签到"}}, "/签").insert == "到 ");
}

namespace {

namespace fs = std::filesystem;

/// A pseudo-terminal whose other side is this process's: the editor reads and writes the slave,
/// the test types at and reads the master.
struct terminal {
    int master = -1;
    std::FILE* in = nullptr;
    std::FILE* out = nullptr;
    std::string shown;
    std::size_t seen = 0;

    terminal() {
        ::setenv("TERM", "xterm", 1);
        master = ::posix_openpt(O_RDWR | O_NOCTTY);
        REQUIRE(master >= 0);
        REQUIRE(::grantpt(master) == 0);
        REQUIRE(::unlockpt(master) == 0);
        int slave = ::open(::ptsname(master), O_RDWR | O_NOCTTY);
        REQUIRE(slave >= 0);
        winsize size{};
        size.ws_row = 24;
        size.ws_col = 80;
        ::ioctl(slave, TIOCSWINSZ, &size);
        in = ::fdopen(slave, "r");
        out = ::fdopen(::dup(slave), "w");
    }
    ~terminal() {
        std::fclose(in);
        std::fclose(out);
        ::close(master);
    }
    void type(std::string const& keys) const {
        REQUIRE(::write(master, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size()));
    }
    /// Waits until the terminal shows `text` after what earlier calls found.
    bool shows(std::string const& text) {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < deadline) {
            if (auto at = shown.find(text, seen); at != std::string::npos) {
                seen = at + text.size();
                return true;
            }
            pollfd p{master, POLLIN, 0};
            if (::poll(&p, 1, 100) > 0) {
                char buf[4096];
                auto n = ::read(master, buf, sizeof buf);
                if (n > 0) shown.append(buf, static_cast<std::size_t>(n));
            }
        }
        UNSCOPED_INFO("waited for: " << text << "\nthe terminal showed:\n" << shown);
        return false;
    }
};

/// The lines the editor handed over, and whether the input ended.
struct received {
    std::mutex mutex;
    std::vector<std::string> lines;
    std::atomic<bool> ended{false};

    line_editor::handlers handlers(edit_context next) {
        line_editor::handlers h;
        h.line = [this, next](std::string line, line_editor::done_fn done) {
            {
                std::lock_guard lock(mutex);
                lines.push_back(std::move(line));
            }
            done(next);
        };
        h.end = [this] { ended = true; };
        return h;
    }
    std::vector<std::string> got() {
        std::lock_guard lock(mutex);
        return lines;
    }
};

fs::path temp_history() {
    std::random_device rd;
    return fs::temp_directory_path() / ("qunbot-history-" + std::to_string(rd()) + std::to_string(rd()));
}

bool eventually(std::function<bool()> const& done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        ::usleep(10000);
    }
    return true;
}

}  // namespace

TEST_CASE("the editor is used only when input and output are both terminals", "[console][terminal]") {
    terminal t;
    CHECK(line_editor::wanted(t.in, t.out));
    std::FILE* file = std::tmpfile();
    CHECK_FALSE(line_editor::wanted(t.in, file));
    CHECK_FALSE(line_editor::wanted(file, t.out));
    std::fclose(file);
}

TEST_CASE("output that arrives while a line is typed is printed above it, and the line goes on",
          "[console][terminal]") {
    terminal t;
    auto history = temp_history();
    received r;
    edit_context context{"you> ", {{"/ping"}}};
    line_editor editor(t.in, t.out, history, r.handlers(context));
    editor.start(context);
    REQUIRE(t.shows("you> "));
    t.type("hel");
    REQUIRE(t.shows("hel"));
    editor.print("🤖 机器人：早上好");
    REQUIRE(t.shows("🤖 机器人：早上好\r\n"));
    REQUIRE(t.shows("you> hel"));
    t.type("lo\r");
    REQUIRE(eventually([&] { return r.got().size() == 1; }));
    CHECK(r.got().front() == "hello");
    REQUIRE(t.shows("you> "));

    // The line went to the history file; Ctrl-D on an empty line ends the input.
    std::stringstream saved;
    saved << std::ifstream(history).rdbuf();
    CHECK(saved.str() == "hello\n");
    t.type("\x04");
    CHECK(eventually([&] { return r.ended.load(); }));
    editor.stop();
    fs::remove(history);
}

TEST_CASE("the history keeps its last lines, without empty lines or repeats", "[console][terminal]") {
    terminal t;
    auto history = temp_history();
    std::ofstream(history) << "one\ntwo\n";
    received r;
    edit_context context{"> ", {}};
    {
        line_editor editor(t.in, t.out, history, r.handlers(context), 3);
        editor.start(context);
        REQUIRE(t.shows("> "));
        for (auto const* line : {"three\r", "three\r", "   \r", "four\r"}) {
            t.type(line);
            REQUIRE(t.shows("> "));
        }
        REQUIRE(eventually([&] { return r.got().size() == 4; }));
        // The up arrow walks back through this run's lines and the file's.
        t.type("\x1b[A\x1b[A\x1b[A\r");
        REQUIRE(eventually([&] { return r.got().size() == 5; }));
        CHECK(r.got().back() == "two");
        editor.stop();
    }
    std::stringstream saved;
    saved << std::ifstream(history).rdbuf();
    CHECK(saved.str() == "three\nfour\ntwo\n");
    fs::remove(history);
}
