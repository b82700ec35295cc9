#include "bot/config.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace std::chrono_literals;

namespace {

/// A plugin-like struct with one field of every supported type.
struct sample {
    bool flag = false;
    int count = 1;
    std::int64_t big = 2;
    double ratio = 0.5;
    std::string text = "hi";
    std::vector<std::string> words;
    std::vector<std::int64_t> ids;
    std::chrono::seconds wait = 1min;
    bot::time_of_day at{8 * 60};
    bot::money_amount price{100};
    static void describe(bot::schema<sample>& s) {
        s.field("flag", &sample::flag, "a flag");
        s.field("count", &sample::count, "a count");
        s.field("big", &sample::big, "a big number");
        s.field("ratio", &sample::ratio, "a ratio");
        s.field("text", &sample::text, "a text");
        s.field("words", &sample::words, "some words");
        s.field("ids", &sample::ids, "some ids");
        s.field("wait", &sample::wait, "a wait");
        s.field("at", &sample::at, "a time");
        s.field("price", &sample::price, "a price");
    }
};

/// Runs `fn`, which must throw config_error, and returns the error.
template <typename Fn>
bot::config_error error_of(Fn fn) {
    try {
        fn();
    } catch (bot::config_error const& e) {
        return e;
    }
    FAIL("no config_error was thrown");
    throw std::logic_error("unreachable");
}

bool contains(bot::config_error const& e, std::string_view part) {
    return std::string_view(e.what()).find(part) != std::string_view::npos;
}

}  // namespace

TEST_CASE("an empty file gives the core defaults and nothing is unknown") {
    auto file = bot::config_file::parse("");
    auto core = bot::core_config::read(file);
    CHECK(core.bot.name == "qunbot");
    CHECK(core.bot.command_prefixes == std::vector<std::string>{"/"});
    CHECK(core.bot.timezone == "Asia/Shanghai");
    CHECK(core.dedupe.window == 120s);
    CHECK(core.outbox.max_chars == 1500);
    // A batch of bookkeeping holds the core thread while it is written: 100 ms between batches
    // keeps each short (at 250 ms the p99 at 1,000 events/s was about twice as high).
    CHECK(core.storage.batch_ms == 100);
    CHECK(core.storage.checkpoint_pages == 1000);
    CHECK(core.commands.empty());
    CHECK_NOTHROW(file.check_unclaimed());
}

TEST_CASE("the core tables are read, and absent keys keep their defaults") {
    auto file = bot::config_file::parse(R"(
[bot]
name = "小助手"
superusers = ["alice", "qq:12345"]
day_close_hour = 4
log_level = "debug"

[dedupe]
window = "5m"

[outbox]
group_burst = 5

[commands.checkin]
aliases = ["签到", "打卡"]
enabled = false

[commands.help]
prefixes = ["#"]
)");
    auto core = bot::core_config::read(file);
    CHECK(core.bot.name == "小助手");
    CHECK(core.bot.superusers == std::vector<std::string>{"alice", "qq:12345"});
    CHECK(core.bot.day_close_hour == 4);
    CHECK(core.bot.log_level == "debug");
    CHECK(core.dedupe.window == 5min);
    CHECK(core.dedupe.max_entries == 200000);
    CHECK(core.outbox.group_burst == 5);
    CHECK(core.outbox.group_interval_ms == 1000);
    REQUIRE(core.commands.size() == 2);
    CHECK(core.commands["checkin"].aliases == std::vector<std::string>{"签到", "打卡"});
    CHECK_FALSE(core.commands["checkin"].enabled);
    CHECK(core.commands["help"].prefixes == std::vector<std::string>{"#"});
    CHECK(core.commands["help"].enabled);
    CHECK_NOTHROW(file.check_unclaimed());
}

TEST_CASE("every field type is read from bot.toml") {
    auto file = bot::config_file::parse(R"(
[plugins.sample]
flag = true
count = -3
big = 9000000000
ratio = 2
text = "欢迎"
words = ["a", "b"]
ids = [1001, 1002]
wait = "1h30m"
at = 21:30:00
price = "8.8元"
)");
    auto s = file.read<sample>("plugins.sample");
    CHECK(s.flag);
    CHECK(s.count == -3);
    CHECK(s.big == 9'000'000'000);
    CHECK(s.ratio == 2.0);
    CHECK(s.text == "欢迎");
    CHECK(s.words == std::vector<std::string>{"a", "b"});
    CHECK(s.ids == std::vector<std::int64_t>{1001, 1002});
    CHECK(s.wait == 90min);
    CHECK(s.at.minutes == 21 * 60 + 30);  // a TOML time literal reads like "21:30"
    CHECK(s.price.value == 880);
    CHECK_NOTHROW(file.check_unclaimed());
}

TEST_CASE("TOML dates and times are read as the text an admin would have quoted") {
    auto file = bot::config_file::parse(R"([plugins.sample]
text = 2026-03-02T09:05:00+08:00
at = 07:30:00
)");
    auto s = file.read<sample>("plugins.sample");
    CHECK(s.text == "2026-03-02T09:05+08:00");
    CHECK(s.at.str() == "07:30");

    auto seconds = bot::config_file::parse("[plugins.sample]\nat = 07:30:15\n");
    CHECK(contains(
        error_of([&] { seconds.read<sample>("plugins.sample"); }),
        "bot.toml:2:6: plugins.sample.at: expected a time like \"21:00\" (00:00 to 23:59), got string \"07:30:15\""));
}

TEST_CASE("an absent section keeps every default") {
    auto file = bot::config_file::parse("[bot]\n");
    auto s = file.read<sample>("plugins.sample");
    CHECK(s.wait == 1min);
    CHECK(s.price.value == 100);
    CHECK(file.section("plugins.other") == nullptr);
}

TEST_CASE("a value of the wrong type names the key, the line and what was expected") {
    auto file = bot::config_file::parse(R"([bot]
name = "qunbot"
day_close_hour = "4"
)");
    auto e = error_of([&] { bot::core_config::read(file); });
    CHECK(e.pos().line == 3);
    CHECK(e.pos().column == 18);
    CHECK(e.key() == "bot.day_close_hour");
    CHECK(std::string(e.what()) == "bot.toml:3:18: bot.day_close_hour: expected an integer, got string \"4\"");
}

TEST_CASE("a wrong value in a plugin section names its line") {
    auto file = bot::config_file::parse(R"(
[plugins.sample]
wait = "soon"
)");
    auto e = error_of([&] { file.read<sample>("plugins.sample"); });
    CHECK(e.pos().line == 3);
    CHECK(contains(e, "plugins.sample.wait: expected a duration like"));
    CHECK(contains(e, "got string \"soon\""));

    auto bad_item = bot::config_file::parse("[plugins.sample]\n\nwords = [\"a\", 2]\n");
    auto e2 = error_of([&] { bad_item.read<sample>("plugins.sample"); });
    CHECK(e2.pos().line == 3);
    CHECK(contains(e2, "item 2 is integer 2"));
}

TEST_CASE("a value out of range names the limits") {
    auto file = bot::config_file::parse("[outbox]\nmax_chars = 50\n");
    auto e = error_of([&] { bot::core_config::read(file); });
    CHECK(e.pos().line == 2);
    CHECK(std::string(e.what()) ==
          "bot.toml:2:13: outbox.max_chars: expected a number from 100 to 100000, got integer 50");

    auto level = bot::config_file::parse("[bot]\nlog_level = \"verbose\"\n");
    CHECK(contains(error_of([&] { bot::core_config::read(level); }),
                   "bot.log_level: expected one of \"trace\", \"debug\", \"info\", \"warn\", \"error\", \"off\""));
}

TEST_CASE("an unknown key in a section names its line and the known keys") {
    auto file = bot::config_file::parse(R"([bot]
name = "qunbot"

  nmae = "typo"
)");
    auto e = error_of([&] { bot::core_config::read(file); });
    CHECK(e.pos().line == 4);
    CHECK(e.key() == "bot.nmae");
    CHECK(contains(e, "bot.toml:4:"));
    CHECK(contains(e, "bot.nmae: unknown key; expected one of: name, superusers, command_prefixes"));
}

TEST_CASE("an unknown top-level table names its line") {
    auto file = bot::config_file::parse(R"([bot]
name = "qunbot"

[outbx]
group_burst = 2
)");
    bot::core_config::read(file);
    auto e = error_of([&] { file.check_unclaimed(); });
    CHECK(e.pos().line == 4);
    CHECK(e.key() == "outbx");
    CHECK(std::string(e.what()) ==
          "bot.toml:4:1: outbx: unknown table; expected one of: bot, commands, dedupe, limits, outbox, storage");
}

TEST_CASE("an unknown plugin table or top-level key is found under claimed parents") {
    auto file = bot::config_file::parse(R"(
[plugins.checkin]
reminder_time = "21:00"

[plugins.chekin]
reminder_time = "21:00"
)");
    file.claim("plugins.checkin");
    auto e = error_of([&] { file.check_unclaimed(); });
    CHECK(e.pos().line == 5);
    CHECK(contains(e, "plugins.chekin: unknown table; expected one of: checkin"));

    auto stray = bot::config_file::parse("debug = true\n[bot]\n");
    stray.section("bot");
    CHECK(
        contains(error_of([&] { stray.check_unclaimed(); }), "bot.toml:1:9: debug: unknown key; expected one of: bot"));
}

TEST_CASE("the earliest unknown key in the file is reported first") {
    auto file = bot::config_file::parse(R"(
[plugins.welcome]
x = 1
[zzz]
[plugins.a]
y = 2
)");
    file.claim("plugins.welcome");
    auto e = error_of([&] { file.check_unclaimed(); });
    CHECK(e.key() == "zzz");
    CHECK(e.pos().line == 4);
}

TEST_CASE("check_unclaimed passes when everything is claimed") {
    auto file = bot::config_file::parse(R"(
[bot]
name = "x"
[plugins.checkin]
anything = "its schema checks this"
[plugins.checkin.texts]
done = "签到成功"
[plugins.welcome]
a.b.c = 1
[adapters.console]
)");
    bot::core_config::read(file);
    file.claim("plugins.checkin");
    CHECK(file.section("plugins.welcome") != nullptr);
    file.claim("adapters.console");
    file.claim("plugins.never_written");
    CHECK_NOTHROW(file.check_unclaimed());
}

TEST_CASE("a claimed path whose parent is not a table is reported") {
    auto file = bot::config_file::parse("plugins = 5\n");
    CHECK(file.section("plugins.checkin") == nullptr);
    auto e = error_of([&] { file.check_unclaimed(); });
    CHECK(e.pos().line == 1);
    CHECK(contains(e, "plugins: expected a table, got integer 5"));

    auto bot_value = bot::config_file::parse("bot = \"qunbot\"\n");
    CHECK(contains(error_of([&] { bot::core_config::read(bot_value); }), "bot: expected a table, got string"));

    auto command = bot::config_file::parse("[commands]\nhelp = false\n");
    auto ce = error_of([&] { bot::core_config::read(command); });
    CHECK(ce.pos().line == 2);
    CHECK(contains(ce, "commands.help: expected a table, got boolean"));
}

TEST_CASE("a TOML syntax error names its line and column") {
    auto e = error_of([] { bot::config_file::parse("[bot]\nname = \"qunbot\"\nday_close_hour = \n", "my.toml"); });
    CHECK(e.pos().file == "my.toml");
    CHECK(e.pos().line == 3);
    CHECK(e.key().empty());
    CHECK(contains(e, "my.toml:3:"));
    CHECK(contains(e, "TOML syntax error: "));

    auto dup = error_of([] { bot::config_file::parse("[bot]\nname = \"a\"\nname = \"b\"\n"); });
    CHECK(dup.pos().line == 3);
}

TEST_CASE("keys keep the order they have in the file") {
    auto file = bot::config_file::parse("zeta = 1\nalpha = 2\n[mid]\n[bot]\n");
    std::vector<std::string> keys;
    for (auto const& [key, value] : file.root().as_table()) keys.push_back(key);
    CHECK(keys == std::vector<std::string>{"zeta", "alpha", "mid", "bot"});
}

TEST_CASE("a file is loaded from disk and a missing file is reported without a line") {
    auto dir = std::filesystem::temp_directory_path();
    auto path = (dir / ("qunbot_config_test_" + std::to_string(std::random_device{}()) + ".toml")).string();
    {
        std::ofstream out(path);
        out << "[bot]\nname = \"disk\"\nday_close_hour = 99\n";
    }
    auto file = bot::config_file::load(path);
    CHECK(file.name() == path);
    auto e = error_of([&] { bot::core_config::read(file); });
    CHECK(e.pos().file == path);
    CHECK(contains(e, path + ":3:18: bot.day_close_hour: expected a number from 0 to 23"));
    std::filesystem::remove(path);

    auto missing = error_of([&] { bot::config_file::load(path); });
    CHECK(missing.pos().line == 0);
    CHECK(std::string(missing.what()) == path + ": cannot read file: No such file or directory");

    CHECK(contains(error_of([&] { bot::config_file::load(dir.string()); }), "cannot read file: it is a directory"));
}

TEST_CASE("core settings can be overridden per group only where allowed") {
    bot::schema<bot::bot_settings> s;
    bot::bot_settings::describe(s);
    bot::bot_settings b;
    CHECK(s.find("day_close_hour")->per_group);
    CHECK_FALSE(s.find("day_close_hour")->from_text(b, "4"));
    CHECK(b.day_close_hour == 4);
    CHECK(s.find("day_close_hour")->from_text(b, "24")->english == "a number from 0 to 23");
    CHECK(s.find("log_level")->from_text(b, "loud")->english == "one of \"trace\", \"debug\", \"info\", \"warn\", \"error\", \"off\"");
    CHECK_FALSE(s.find("superusers")->per_group);
    CHECK_FALSE(s.find("database")->per_group);
    CHECK(b.day_close_hour == 4);
}

TEST_CASE("every error in a file is reported at once, each with its line, column and key") {
    auto file = bot::config_file::parse(R"([bot]
day_close_hour = 25
nmae = "x"

[outbox]
max_chars = "many"

[commands.help]
permission = "admn"

[plugins.sample]
at = "7pm"
count = 1.5

[outbx]
)");
    file.collect_errors();
    (void)bot::core_config::read(file);
    (void)file.read<sample>("plugins.sample");
    file.check_unclaimed();
    REQUIRE(file.has_errors());
    try {
        file.throw_errors();
        FAIL("no error");
    } catch (bot::config_errors const& e) {
        std::vector<std::string> lines;
        for (auto const& one : e.all()) lines.emplace_back(one.what());
        REQUIRE(lines.size() == 7);
        CHECK(lines[0] == "bot.toml:2:18: bot.day_close_hour: expected a number from 0 to 23, got integer 25");
        CHECK_THAT(lines[1], Catch::StartsWith("bot.toml:3:8: bot.nmae: unknown key; expected one of: name"));
        CHECK(lines[2] == "bot.toml:6:13: outbox.max_chars: expected an integer, got string \"many\"");
        CHECK_THAT(lines[3], Catch::StartsWith("bot.toml:9:14: commands.help.permission: expected a permission name"));
        CHECK_THAT(lines[4], Catch::StartsWith("bot.toml:12:6: plugins.sample.at: expected a time like"));
        CHECK(lines[5] == "bot.toml:13:9: plugins.sample.count: expected an integer, got float 1.5");
        CHECK_THAT(lines[6], Catch::StartsWith("bot.toml:15:1: outbx: unknown table"));
        // what() has them all, one a line, in the order of the file.
        std::string all;
        for (auto const& l : lines) all += (all.empty() ? "" : "\n") + l;
        CHECK(std::string(e.what()) == all);
    }
}

TEST_CASE("without collecting, the first error is thrown as before") {
    auto file = bot::config_file::parse("[bot]\nday_close_hour = 25\nnmae = 1\n");
    auto e = error_of([&] { (void)bot::core_config::read(file); });
    CHECK(contains(e, "bot.toml:2:18: bot.day_close_hour"));
    CHECK_FALSE(contains(e, "nmae"));
}

TEST_CASE("a TOML syntax error is reported alone: parsing stops there") {
    auto e = error_of([] { (void)bot::config_file::parse("[bot]\nname = \"x\"\nday_close_hour = = 3\n[outbx\n"); });
    CHECK(contains(e, "bot.toml:3:"));
    CHECK(contains(e, "the file is read no further"));
    CHECK_FALSE(contains(e, "outbx"));
}
