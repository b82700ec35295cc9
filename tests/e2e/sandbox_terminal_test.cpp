// End to end: the real qunbot binary typed at on a pseudo-terminal, the way a person uses the
// sandbox: completion, editing keys, history, and history kept across runs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "tests/support/process.hpp"
#include "tests/support/pty_process.hpp"

namespace {

namespace fs = std::filesystem;

constexpr char const* tab = "\t";
constexpr char const* backspace = "\x7f";
constexpr char const* up = "\x1b[A";
constexpr char const* left = "\x1b[D";
constexpr char const* end_of_input = "\x04";

/// A temporary folder with a bot.toml whose data folder is inside it.
struct terminal_box {
    fs::path dir;

    terminal_box() {
        std::random_device rd;
        dir = fs::temp_directory_path() / ("qunbot-tty-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(dir);
        std::ofstream(dir / "bot.toml") << "[bot]\nsuperusers = [\"alice\"]\ndatabase = \"data/bot.db\"\n"
                                        << "log_level = \"warn\"\n\n[adapters.console]\n"
                                        << "start_time = \"2026-03-02 09:00\"\n";
    }
    ~terminal_box() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    std::unique_ptr<testing::pty_process> start() const {
        return std::make_unique<testing::pty_process>(
            std::vector<std::string>{testing::qunbot_binary(), "--config", (dir / "bot.toml").string()}, dir);
    }
    std::string history() const {
        std::stringstream s;
        s << std::ifstream(dir / "data" / "console_history").rdbuf();
        return s.str();
    }
};

/// Waits for `text` on the terminal; on a timeout, the test's report shows what the terminal showed.
bool shows(testing::pty_process& p, std::string_view text) {
    if (p.expect(text)) return true;
    UNSCOPED_INFO("waited for: " << text << "\nthe terminal showed:\n" << p.output());
    return false;
}

}  // namespace

TEST_CASE("typed at a terminal, the sandbox completes, edits and remembers lines across runs", "[e2e][terminal]") {
    terminal_box box;
    auto bot = box.start();
    REQUIRE(shows(*bot, "alice@读书会> "));

    // TAB completes a command; the bot answers the completed one.
    bot->type("/pi");
    bot->type(tab);
    bot->type("\r");
    REQUIRE(shows(*bot, "#1 alice: /ping"));
    REQUIRE(shows(*bot, "pong"));
    REQUIRE(shows(*bot, "alice@读书会> "));

    // Backspace, and the left arrow to insert in the middle.
    bot->type("/whoamx");
    bot->type(backspace);
    bot->type("i\r");
    REQUIRE(shows(*bot, "alice: /whoami\r\n"));
    REQUIRE(shows(*bot, "alice@读书会> "));
    bot->type("/pig");
    bot->type(left);
    bot->type("n\r");
    REQUIRE(shows(*bot, "alice: /ping\r\n"));
    REQUIRE(shows(*bot, "pong"));
    REQUIRE(shows(*bot, "alice@读书会> "));

    // Chinese is edited by characters, not bytes.
    bot->type("你好吗");
    bot->type(backspace);
    bot->type("呀\r");
    REQUIRE(shows(*bot, "alice: 你好呀\r\n"));
    REQUIRE(shows(*bot, "alice@读书会> "));

    // TAB completes the sandbox's own commands and their arguments too.
    bot->type(":mem");
    bot->type(tab);
    bot->type("\r");
    REQUIRE(shows(*bot, "bob (member)"));
    REQUIRE(shows(*bot, "alice@读书会> "));

    // The up arrow recalls the line before last.
    bot->type(up);
    bot->type(up);
    bot->type("\r");
    REQUIRE(shows(*bot, "alice: 你好呀\r\n"));
    REQUIRE(shows(*bot, "alice@读书会> "));

    // Ctrl-D on an empty line ends the sandbox as the end of input always did.
    bot->type(end_of_input);
    CHECK(bot->wait() == 0);
    auto history = box.history();
    CHECK(history == "/ping\n/whoami\n/ping\n你好呀\n:members\n你好呀\n");

    // A second run starts with the first run's history.
    bot = box.start();
    REQUIRE(shows(*bot, "alice@读书会> "));
    bot->type(up);
    bot->type(up);
    bot->type("\r");
    REQUIRE(shows(*bot, "bob (member)"));
    REQUIRE(shows(*bot, "alice@读书会> "));
    bot->type(end_of_input);
    CHECK(bot->wait() == 0);
    CHECK(box.history() == history + ":members\n");
}
