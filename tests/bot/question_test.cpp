#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "bot/question.hpp"

using bot::looks_like_question;

TEST_CASE("question marks ask, in either width, but not inside a link") {
    CHECK(looks_like_question("明天几点开始？"));
    CHECK(looks_like_question("anyone up?"));
    CHECK(looks_like_question("这个链接打不开?  "));
    CHECK_FALSE(looks_like_question("看这里 https://example.com/a.php?id=1&x=2"));
    CHECK_FALSE(looks_like_question("https://example.com/?utm=1"));
    CHECK_FALSE(looks_like_question("今天打卡了"));
}

TEST_CASE("Chinese question words count anywhere, the particle 吗 at the end") {
    CHECK(looks_like_question("请问报名截止是哪天"));
    CHECK(looks_like_question("大家有没有推荐的书"));
    CHECK(looks_like_question("这个怎么用"));
    CHECK(looks_like_question("今晚有分享吗"));
    CHECK(looks_like_question("今晚有分享吗。"));
    CHECK_FALSE(looks_like_question("我不知道该说什么"));
    CHECK_FALSE(looks_like_question("吗啡是一种药物，今天讲到了"));
}

TEST_CASE("English question words count at the start of a sentence only") {
    CHECK(looks_like_question("How do I check in"));
    CHECK(looks_like_question("thanks. what time is the call"));
    CHECK(looks_like_question("Is there a recording"));
    CHECK_FALSE(looks_like_question("I know how it works"));
    CHECK_FALSE(looks_like_question("Whatever, see you"));
    CHECK_FALSE(looks_like_question("showcase done"));
}

TEST_CASE("a plugin's own words replace the defaults, and commands never ask") {
    std::vector<std::string> const words{"求推荐", "help me"};
    CHECK(looks_like_question("求推荐一本入门书", words));
    CHECK(looks_like_question("help me with this", words));
    CHECK_FALSE(looks_like_question("请问报名截止是哪天", words));
    CHECK(looks_like_question("截止是哪天？", words));
    CHECK_FALSE(looks_like_question("/checkin 今天读完了第三章？"));
    CHECK_FALSE(looks_like_question(""));
}
