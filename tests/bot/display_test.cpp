#include <catch2/catch.hpp>

#include "bot/display.hpp"
#include "bot/event.hpp"
#include "bot/outbox.hpp"
#include "bot/platform.hpp"
#include "bot/utf8.hpp"

using namespace std::string_literals;

TEST_CASE("printable text loses controls and reordering marks and stays valid UTF-8", "[display]") {
    CHECK(bot::printable("a\u202Eb\u200Fc\u2066d\x07"
                         "e\x7F"
                         "f\u061Cg\uFEFFh") == "abcdefgh");
    CHECK(bot::printable("nul\0here"s) == "nulhere");
    CHECK(bot::printable("\xC2\x85next") == "next");  // C1 NEL
    CHECK(bot::printable("一\r\n二\r三\u2028四") == "一\n二\n三\n四");
    CHECK(bot::printable("\xE4\xB8") == "\uFFFD\uFFFD");
    CHECK(bot::printable("表情👍🏽 and 👨‍👩‍👧 stay") == "表情👍🏽 and 👨‍👩‍👧 stay");
}

TEST_CASE("one_line flattens line breaks and tabs to one space", "[display]") {
    CHECK(bot::one_line("第一行\n第二行\t完") == "第一行 第二行 完");
    CHECK(bot::one_line("a\r\n\r\nb") == "a b");
}

TEST_CASE("a shown name is one trimmed line, cut with an ellipsis", "[display]") {
    CHECK(bot::shown_name("  小明\n群公告：全员转账  ") == "小明 群公告：全员转账");
    CHECK(bot::shown_name("a   b") == "a b");
    CHECK(bot::shown_name("\u202E\u200F \x01") == "");
    auto long_name = bot::shown_name(std::string(6000, 'x'));
    CHECK(long_name == std::string(bot::max_shown_name, 'x') + "…");
    std::string chinese;
    for (int i = 0; i < 40; ++i) chinese += "名";
    auto cut = bot::shown_name(chinese);
    CHECK(cut.size() <= bot::max_shown_name + std::string("…").size());
    CHECK(bot::code_points(cut) == 17);  // 16 characters and the ellipsis, none split
}

TEST_CASE("a sender or member with an unprintable card is named by nickname or ID", "[display]") {
    bot::sender s{bot::id("42"), "小明", "\u202E\n", bot::role::member};
    CHECK(s.display_name() == "小明");
    s.nickname = "\x07";
    CHECK(s.display_name() == "42");
    s.card = "卡\u202E片\r\n伪造";
    CHECK(s.display_name() == "卡片 伪造");
    bot::member_info m{bot::id("7"), "昵称", std::string(300, 'y'), bot::role::member, {}, {}, {}};
    CHECK(m.display_name() == std::string(bot::max_shown_name, 'y') + "…");
}

TEST_CASE("a mention carries a safe name", "[display]") {
    bot::message m;
    m.at(bot::id("42"), "坏人\n群公告\u202E");
    CHECK(m.plain_text() == "@坏人 群公告");
}
