// End to end over WeCom: the real binary with the intelligent bot, the app and a group robot,
// against a fake WeCom server; callbacks signed and encrypted as WeCom does.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>

#include "tests/support/bot_process.hpp"
#include "tests/support/fake_wecom.hpp"
#include "tests/support/wecom_callback.hpp"
#include "tests/support/wecom_signer.hpp"

using namespace std::chrono_literals;

namespace {

std::string const corp = "ww0123456789abcdef";
std::string const secret = "e2e-secret-0123456789";
std::string const bot_token = "BotToken7";
std::string const bot_key = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut";
std::string const group = "wrkReadingClub";
std::string const hook_key = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

testing::fake_wecom_options options() {
    testing::fake_wecom_options o;
    o.corp_id = corp;
    o.corp_secret = secret;
    o.agent_id = 1000002;
    return o;
}

struct wecom_e2e {
    testing::fake_wecom fake{options()};
    unsigned short port = testing::free_port();
    testing::wecom_signer signer{bot_token, bot_key, ""};
    testing::bot_process bot;

    wecom_e2e()
        : bot("[bot]\nlog_level = \"info\"\ndatabase = \"qunbot.db\"\n\n[outbox]\nenabled = false\n\n"
              "[adapters.console]\nenabled = false\n\n"
              "[adapters.wecom]\nenabled = true\ncorp_id = \"" + corp + "\"\napi_base = \"" + fake.base_url() +
              "\"\nport = " + std::to_string(port) + "\n\n"
              "[adapters.wecom.bot]\nenabled = true\ntoken = \"" + bot_token + "\"\nencoding_aes_key = \"" + bot_key +
              "\"\nname = \"打卡助手\"\n\n"
              "[adapters.wecom.app]\nenabled = true\nagent_id = 1000002\nsecret = \"" + secret + "\"\n\n"
              "[adapters.wecom.webhooks]\n\"" + group + "\" = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=" +
              hook_key + "\"\n") {
        fake.add_webhook(hook_key);
        fake.add_user("zhangsan", "张三");
        INFO(bot.log());
        REQUIRE(bot.wait_for_log(" started with "));
        REQUIRE(bot.wait_for_log("callbacks at"));
    }

    testing::callback_reply at_bot(std::string const& user, std::string const& content, std::string const& msgid) {
        testing::bot_text m;
        m.msgid = msgid;
        m.chatid = group;
        m.userid = user;
        m.content = content;
        m.response_url = fake.issue_response_code();
        return testing::post_bot_callback(port, "/wecom/bot", signer, testing::bot_text_json(m));
    }
};

}  // namespace

TEST_CASE("over WeCom an @-message check-in is answered through the response URL and stored", "[e2e][wecom]") {
    wecom_e2e e;
    auto r = e.at_bot("zhangsan", "@打卡助手 打卡 今天读完第三章", "msg-1");
    REQUIRE(r.status == 200);
    auto answers = e.fake.wait_for("/cgi-bin/aibot/response", 1, 5s);
    INFO(e.bot.log());
    REQUIRE(answers.size() == 1);
    auto text = answers[0].body.at("markdown").at("content").get<std::string>();
    CHECK(text.find("张三") != std::string::npos);
    // /rank through a mention without the slash, answered the same way.
    e.at_bot("zhangsan", "@打卡助手 rank", "msg-2");
    REQUIRE(e.fake.wait_for("/cgi-bin/aibot/response", 2, 5s).size() == 2);
    CHECK(e.bot.stop() == 0);
    SQLite::Database db((e.bot.dir() / "qunbot.db").string());
    SQLite::Statement q(db, "SELECT count(*) FROM checkin_days WHERE user LIKE '%zhangsan%'");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getInt() == 1);
}

TEST_CASE("over WeCom a bad signature is refused and the bot keeps serving", "[e2e][wecom]") {
    wecom_e2e e;
    testing::bot_text m;
    m.chatid = group;
    m.content = "@打卡助手 打卡";
    m.response_url = e.fake.issue_response_code();
    testing::callback_options bad;
    bad.fault = testing::callback_fault::bad_signature;
    auto refused = testing::post_bot_callback(e.port, "/wecom/bot", e.signer, testing::bot_text_json(m), bad);
    CHECK(refused.status == 403);
    CHECK(e.bot.wait_for_log("signature does not match"));
    auto ok = e.at_bot("zhangsan", "@打卡助手 /ping", "msg-3");
    CHECK(ok.status == 200);
    CHECK(e.fake.wait_for("/cgi-bin/aibot/response", 1, 5s).size() == 1);
    // Secrets never reach the log.
    auto log = e.bot.log();
    CHECK(log.find(secret) == std::string::npos);
    CHECK(log.find(bot_key) == std::string::npos);
    CHECK(log.find(hook_key) == std::string::npos);
    CHECK(log.find(e.fake.current_token()) == std::string::npos);
}
