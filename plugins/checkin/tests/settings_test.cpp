#include <catch2/catch.hpp>

#include "plugins/checkin/tests/support.hpp"
#include "tests/support/language.hpp"

using checkin_test::loaded;

TEST_CASE("/set on check-in keys answers in Chinese, limits and descriptions included", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("admin").is(bot::role::admin);
    for (auto const* line : {"/set checkin.min_text_length abc", "/set checkin.min_text_length 100000",
                             "/set checkin.remind_at 25:00", "/set checkin.makeup_window soon",
                             "/set checkin.remind maybe", "/set checkin.roster everyone",
                             "/set checkin.min_text_length", "/set checkin.makeup_window", "/set checkin"}) {
        chat.user("admin").says(line);
        INFO(line << " → " << chat.last());
        CHECK_THAT(chat.last(), !Catch::Contains("an integer") && !Catch::Contains("number from") &&
                                    !Catch::Contains("duration like") && !Catch::Contains("one of"));
    }
    // What follows 「应为」 is all Chinese (the value typed, "abc", is the admin's own).
    auto expected = [&] { return chat.last().substr(chat.last().find("应为")); };
    chat.user("admin").says("/set checkin.min_text_length abc");
    CHECK(chat.last() == "「checkin.min_text_length」不能设为「abc」：应为整数");
    CHECK_FALSE(testing::has_english_word(expected()));
    chat.user("admin").says("/set checkin.min_text_length 100000");
    CHECK(chat.last() == "「checkin.min_text_length」不能设为「100000」：应为介于 0 和 10000 之间的整数");
    chat.user("admin").says("/set checkin.remind_at 25:00");
    CHECK(chat.last() == "「checkin.remind_at」不能设为「25:00」：应为时间，如 21:00（00:00 到 23:59）");
    CHECK_FALSE(testing::has_english_word(expected()));
    chat.user("admin").says("/set checkin.makeup_window soon");
    CHECK_THAT(chat.last(), Catch::StartsWith("「checkin.makeup_window」不能设为「soon」：应为时长，如 90s、10m、2h"));
    CHECK_FALSE(testing::has_english_word(expected()));
    chat.user("admin").says("/set checkin.remind maybe");
    CHECK_THAT(chat.last(), Catch::StartsWith("「checkin.remind」不能设为「maybe」：应为开或关"));
    chat.user("admin").says("/set checkin.roster everyone");
    CHECK(chat.last() == "「checkin.roster」不能设为「everyone」：应为以下之一：participants、members");
    chat.user("admin").says("/set checkin.min_text_length");
    CHECK(chat.last() == "checkin.min_text_length = 10（文字至少多少字才算文字输出（require 要求文字时）；"
                         "应为介于 0 和 10000 之间的整数）");
    chat.user("admin").says("/set checkin");
    CHECK_THAT(chat.last(), Catch::StartsWith("checkin 的设置（/set 键 值）：") &&
                                Catch::Contains("\ncheckin.remind_at = 21:00（每天几点提醒（本群时间）；应为时间") &&
                                !Catch::Contains("bare_words"));
}
