#include <catch2/catch.hpp>

#include "plugins/antiad/normalize.hpp"

using plugins::antiad::normalize;
using plugins::antiad::normalize_compact;
using plugins::antiad::normalized;

TEST_CASE("full-width letters and digits fold to ASCII and case folds", "[antiad][normalize]") {
    CHECK(normalize_compact("ＡＢＣ１２３ｘｙｚ") == "abc123xyz");
    CHECK(normalize_compact("HeLLo") == "hello");
}

TEST_CASE("separators, emoji and zero-width characters between letters vanish", "[antiad][normalize]") {
    CHECK(normalize_compact("刷 🔥 单") == "刷单");
    CHECK(normalize_compact("a\u200bb\u200dc\ufe0f") == "abc");
    CHECK(normalize_compact("日·结－300") == "日结300");
}

TEST_CASE("homophones and look-alikes of 微信, QQ and 群 fold together", "[antiad][normalize]") {
    CHECK(normalize_compact("薇信") == "微信");
    CHECK(normalize_compact("威信") == "微信");
    CHECK(normalize_compact("V信") == "微信");
    CHECK(normalize_compact("ⓥⓧ") == "vx");
    CHECK(normalize_compact("加V") == "加微");
    CHECK(normalize_compact("+v") == "加微");
    CHECK(normalize_compact("扣扣") == "qq");
    CHECK(normalize_compact("君羊") == "群");
    CHECK(normalize_compact("w\u0435ch\u0430t") == "wechat");
}

TEST_CASE("circled and Chinese digits become digits inside contact-length runs only", "[antiad][normalize]") {
    CHECK(normalize_compact("①②③④⑤") == "12345");
    CHECK(normalize_compact("一三八一二三四五六七八") == "13812345678");
    CHECK(normalize_compact("壹叁捌") == "壹叁捌");
    CHECK(normalize_compact("一二个人") == "一二个人");
}

TEST_CASE("the link view keeps dots and drops the spaces around them", "[antiad][normalize]") {
    normalized n;
    normalize("www . abc . com", n);
    CHECK(n.spaced == "www.abc.com");
    CHECK(n.dotted);
    normalize("bet365 点 com", n);
    CHECK(n.spaced == "bet365.com");
    normalize("abc(dot)xyz", n);
    CHECK(n.spaced == "abc.xyz");
    normalize("明天八点见", n);
    CHECK_FALSE(n.dotted);
}

TEST_CASE("Latin letters keep their word boundaries in the spaced view", "[antiad][normalize]") {
    normalized n;
    // Inside words, "wx" and "vx" are English, not 微信.
    normalize("Got a new xbox 360", n);
    CHECK(n.spaced == "got a new xbox 360");
    CHECK(n.compact == "gotanewxbox360");
    normalize("I knew xiaoming", n);
    CHECK(n.spaced == "i knew xiaoming");
    // Spelled out letter by letter, a word is one token again.
    normalize("h t t p s : / / s h o p . e x a m p l e . c o m", n);
    CHECK(n.spaced == "https://shop.example.com");
    normalize("V X abc", n);
    CHECK(n.spaced == "vx abc");
    // Pinyin tone marks fold, digit names become digits in runs of five or more.
    normalize("wēi xìn", n);
    CHECK(n.spaced == "wei xin");
    normalize("yao san ba yi er san si wu liu qi ba", n);
    CHECK(n.spaced == "13812345678");
    normalize("one two three", n);
    CHECK(n.spaced == "one two three");
    // A sentence end is not a dot inside a domain.
    normalize("Done. DM me", n);
    CHECK(n.spaced == "done. dm me");
    CHECK_FALSE(n.dotted);
    // Hearts are separators.
    CHECK(normalize_compact("兼❤职") == "兼职");
    CHECK(normalize_compact("微♥信") == "微信");
}

TEST_CASE("a reused buffer gives the same result as a fresh one", "[antiad][normalize]") {
    normalized n;
    normalize("一段很长很长的文字，里面有 ＡＢＣ 和 123456789", n);
    normalize("hi", n);
    CHECK(n.compact == "hi");
    CHECK(n.longest_digits == 0);
}
