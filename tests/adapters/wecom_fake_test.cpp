// The fake WeCom server and the independent callback signer, checked on their own (with a plain
// HTTP client and WeCom's official vectors) before the adapter is tested against them.
#include <catch2/catch.hpp>

#include <future>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/fake_wecom.hpp"
#include "tests/support/wecom_callback.hpp"
#include "tests/support/wecom_signer.hpp"

using nlohmann::json;
using testing::fake_wecom;
using testing::http_exchange;

namespace {

constexpr char official_token[] = "QDG6eK";
constexpr char official_key[] = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
constexpr char official_corp[] = "wx5823bf96d3bd56c7";
constexpr char official_post[] =
    "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/"
    "sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+"
    "HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+"
    "BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/"
    "uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

json get(fake_wecom const& fake, std::string const& target) {
    auto r = http_exchange(fake.port(), "GET", target);
    REQUIRE(r.status == 200);
    return json::parse(r.body);
}

json post(fake_wecom const& fake, std::string const& target, json const& body) {
    auto r = http_exchange(fake.port(), "POST", target, body.dump());
    REQUIRE(r.status == 200);
    return json::parse(r.body);
}

std::string token_of(fake_wecom const& fake) {
    auto j = get(fake, "/cgi-bin/gettoken?corpid=ww-fake-corp&corpsecret=fake-secret");
    REQUIRE(j["errcode"] == 0);
    return j["access_token"].get<std::string>();
}

json text(std::string const& content) { return {{"msgtype", "text"}, {"text", {{"content", content}}}}; }

}  // namespace

TEST_CASE("the signer reproduces WeCom's official URL verification vector", "[wecom-fake]") {
    testing::wecom_signer signer(official_token, official_key, official_corp);
    std::string echostr = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    CHECK(signer.signature("1409659589", "263014780", echostr) == "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
    CHECK(signer.decrypt(echostr) == "1616140317555161061");
}

TEST_CASE("the signer reproduces WeCom's official message vector", "[wecom-fake]") {
    testing::wecom_signer signer(official_token, official_key, official_corp);
    CHECK(signer.signature("1409659813", "1372623149", official_post) == "477715d11cdb4164915debcba66cb864d751f3e6");
    auto xml = signer.decrypt(official_post);
    CHECK(xml.find("<FromUserName><![CDATA[mycreate]]></FromUserName>") != std::string::npos);
    CHECK(xml.find("<Content><![CDATA[hello]]></Content>") != std::string::npos);
    CHECK(xml.find("<AgentID>218</AgentID>") != std::string::npos);
}

TEST_CASE("what the signer encrypts it decrypts, and another receive id is refused", "[wecom-fake]") {
    testing::wecom_signer signer(official_token, official_key, official_corp);
    for (std::size_t n : {0u, 1u, 12u, 13u, 31u, 32u, 100u}) {
        std::string plain(n, 'a');
        auto sealed = signer.encrypt(plain, "0123456789abcdef");
        CHECK(testing::wecom_base64_decode(sealed).size() % 32 == 0);
        CHECK(signer.decrypt(sealed) == plain);
    }
    CHECK(signer.encrypt("x") != signer.encrypt("x"));  // a random prefix each time
    testing::wecom_signer bot(official_token, official_key, "");
    CHECK_THROWS(bot.decrypt(signer.encrypt("hello")));
    CHECK(bot.decrypt(bot.encrypt("你好")) == "你好");
    CHECK_THROWS(signer.decrypt("not base64!"));
}

TEST_CASE("the fake issues counted tokens and answers an expired one 42001", "[wecom-fake]") {
    testing::fake_wecom_options opt;
    opt.expires_in = 600;
    fake_wecom fake(opt);
    auto first = get(fake, "/cgi-bin/gettoken?corpid=ww-fake-corp&corpsecret=fake-secret");
    CHECK(first == json{{"errcode", 0}, {"errmsg", "ok"}, {"access_token", "tok-1"}, {"expires_in", 600}});
    auto send = "/cgi-bin/message/send?access_token=tok-1";
    json message = text("hi");
    message["touser"] = "zhangsan";
    message["agentid"] = 1000002;
    auto sent = post(fake, send, message);
    CHECK(sent["errcode"] == 0);
    CHECK(sent["msgid"] == "msg-1");

    fake.expire_token();
    CHECK(post(fake, send, message)["errcode"] == 42001);
    CHECK(get(fake, "/cgi-bin/user/get?access_token=tok-1&userid=zhangsan")["errcode"] == 42001);
    CHECK(token_of(fake) == "tok-2");
    CHECK(post(fake, "/cgi-bin/message/send?access_token=tok-2", message)["errcode"] == 0);
    CHECK(post(fake, "/cgi-bin/message/send?access_token=nonsense", message)["errcode"] == 40014);
    CHECK(post(fake, "/cgi-bin/message/send", message)["errcode"] == 41001);
    CHECK(fake.token_requests() == 2);
    CHECK(fake.current_token() == "tok-2");

    auto calls = fake.wait_for("/cgi-bin/message/send", 5, std::chrono::seconds(1));
    REQUIRE(calls.size() == 5);
    CHECK(calls[0].method == "POST");
    CHECK(calls[0].query.at("access_token") == "tok-1");
    CHECK(calls[0].body["text"]["content"] == "hi");
    CHECK(calls[1].errcode == 42001);
}

TEST_CASE("a token lives expires_in seconds", "[wecom-fake]") {
    fake_wecom fake;
    fake.set_expires_in(0);
    auto token = token_of(fake);
    CHECK(get(fake, "/cgi-bin/user/get?access_token=" + token + "&userid=u")["errcode"] == 42001);
}

TEST_CASE("gettoken refuses a wrong corp id or secret and fails on request", "[wecom-fake]") {
    fake_wecom fake;
    CHECK(get(fake, "/cgi-bin/gettoken?corpid=other&corpsecret=fake-secret")["errcode"] == 40013);
    CHECK(get(fake, "/cgi-bin/gettoken?corpid=ww-fake-corp&corpsecret=wrong")["errcode"] == 40001);
    fake.fail_token(-1, 2);
    CHECK(get(fake, "/cgi-bin/gettoken?corpid=ww-fake-corp&corpsecret=fake-secret")["errcode"] == -1);
    CHECK(get(fake, "/cgi-bin/gettoken?corpid=ww-fake-corp&corpsecret=fake-secret")["errcode"] == -1);
    CHECK(token_of(fake) == "tok-1");
    CHECK(fake.token_requests() == 5);
    CHECK(fake.count("/cgi-bin/gettoken") == 5);
}

TEST_CASE("a slow gettoken keeps concurrent requests waiting", "[wecom-fake]") {
    fake_wecom fake;
    fake.token_delay(std::chrono::milliseconds(300));
    auto start = std::chrono::steady_clock::now();
    auto other = std::async(std::launch::async, [&] { return token_of(fake); });
    auto mine = token_of(fake);
    auto theirs = other.get();
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(550));  // served side by side
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(300));
    CHECK(mine != theirs);
    CHECK(fake.token_requests() == 2);
}

TEST_CASE("app sends need agentid, a recipient and a known chat", "[wecom-fake]") {
    testing::fake_wecom_options opt;
    opt.agent_id = 1000002;
    fake_wecom fake(opt);
    auto token = token_of(fake);
    auto send = "/cgi-bin/message/send?access_token=" + token;
    json m = text("hi");
    CHECK(post(fake, send, m)["errcode"] == 41011);
    m["agentid"] = 1000003;
    m["touser"] = "zhangsan";
    CHECK(post(fake, send, m)["errcode"] == 40056);
    m["agentid"] = 1000002;
    m.erase("touser");
    CHECK(post(fake, send, m)["errcode"] == 81013);
    CHECK(http_exchange(fake.port(), "POST", send, "{not json").body.find("47001") != std::string::npos);

    auto chat = "/cgi-bin/appchat/send?access_token=" + token;
    json c = text("大家好");
    c["chatid"] = "chat1";
    CHECK(post(fake, chat, c)["errcode"] == 86003);
    fake.add_appchat("chat1", "打卡群", "lisi", {"lisi", "zhangsan"});
    CHECK(post(fake, chat, c) == json{{"errcode", 0}, {"errmsg", "ok"}});
    auto info = get(fake, "/cgi-bin/appchat/get?access_token=" + token + "&chatid=chat1");
    CHECK(info["chat_info"]["name"] == "打卡群");
    CHECK(info["chat_info"]["owner"] == "lisi");
    CHECK(info["chat_info"]["userlist"] == json{"lisi", "zhangsan"});
    CHECK(get(fake, "/cgi-bin/appchat/get?access_token=" + token + "&chatid=nope")["errcode"] == 86003);

    fake.add_user("zhangsan", "张三");
    auto user = get(fake, "/cgi-bin/user/get?access_token=" + token + "&userid=zhangsan");
    CHECK(user["userid"] == "zhangsan");
    CHECK(user["name"] == "张三");
    CHECK(get(fake, "/cgi-bin/user/get?access_token=" + token + "&userid=nobody")["errcode"] == 60111);

    auto lost = http_exchange(fake.port(), "GET", "/cgi-bin/nothing/here?access_token=" + token);
    CHECK(lost.status == 404);
    CHECK(json::parse(lost.body)["errcode"] == 404);
}

TEST_CASE("webhooks answer 93000 for an unknown key and 45009 beyond the minute's quota", "[wecom-fake]") {
    fake_wecom fake;
    json m = text("@all 打卡啦");
    m["text"]["mentioned_list"] = {"zhangsan", "@all"};
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k1", m)["errcode"] == 93000);
    fake.add_webhook("k1");
    fake.add_webhook("k2");
    for (int i = 0; i < 20; ++i) REQUIRE(post(fake, "/cgi-bin/webhook/send?key=k1", m)["errcode"] == 0);
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k1", m)["errcode"] == 45009);
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k2", m)["errcode"] == 0);  // the quota is per key

    fake.rate_limit_next(2);
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k2", m)["errcode"] == 45009);
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k2", m)["errcode"] == 45009);
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k2", m)["errcode"] == 0);

    auto accepted = fake.webhook_messages();
    REQUIRE(accepted.size() == 22);
    CHECK(accepted.back().key == "k2");
    CHECK(accepted.back().content == "@all 打卡啦");
    CHECK(accepted.back().mentioned_list == std::vector<std::string>{"zhangsan", "@all"});
    CHECK(fake.count("/cgi-bin/webhook/send") == 26);
}

TEST_CASE("the webhook quota is configurable", "[wecom-fake]") {
    testing::fake_wecom_options opt;
    opt.webhook_per_minute = 2;
    fake_wecom fake(opt);
    fake.add_webhook("k");
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k", text("1"))["errcode"] == 0);
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k", text("2"))["errcode"] == 0);
    CHECK(post(fake, "/cgi-bin/webhook/send?key=k", text("3"))["errcode"] == 45009);
}

TEST_CASE("a response_url is accepted once", "[wecom-fake]") {
    fake_wecom fake;
    auto url = fake.issue_response_code();
    auto prefix = fake.base_url();
    REQUIRE(url.starts_with(prefix + "/cgi-bin/aibot/response?response_code="));
    auto target = url.substr(prefix.size());
    json reply{{"msgtype", "markdown"}, {"markdown", {{"content", "**打卡成功**"}}}};
    CHECK(post(fake, target, reply) == json{{"errcode", 0}, {"errmsg", "ok"}});
    CHECK(post(fake, target, reply)["errcode"] == fake_wecom::response_code_error);
    CHECK(post(fake, "/cgi-bin/aibot/response?response_code=made-up", reply)["errcode"] ==
          fake_wecom::response_code_error);
    auto calls = fake.calls("/cgi-bin/aibot/response");
    REQUIRE(calls.size() == 3);
    CHECK(calls[0].body["markdown"]["content"] == "**打卡成功**");
}

TEST_CASE("groupchat/get describes a customer group as WeCom does", "[wecom-fake]") {
    fake_wecom fake;
    auto token = token_of(fake);
    fake.add_user("wmCustomer1", "客户甲");
    fake.add_customer_group("wrOgQh", "客户群", "owner1", {"wmCustomer1", "staff2"});
    auto path = "/cgi-bin/externalcontact/groupchat/get?access_token=" + token;
    auto g = post(fake, path, {{"chat_id", "wrOgQh"}, {"need_name", 1}});
    REQUIRE(g["errcode"] == 0);
    auto const& chat = g["group_chat"];
    CHECK(chat["chat_id"] == "wrOgQh");
    CHECK(chat["name"] == "客户群");
    CHECK(chat["owner"] == "owner1");
    CHECK(chat["create_time"].is_number_integer());
    CHECK(chat["admin_list"] == json::array({{{"userid", "owner1"}}}));
    auto const& members = chat["member_list"];
    REQUIRE(members.size() == 3);
    CHECK(members[0]["userid"] == "owner1");
    CHECK(members[0]["type"] == 1);
    CHECK(members[1]["userid"] == "wmCustomer1");
    CHECK(members[1]["type"] == 2);
    CHECK(members[1]["name"] == "客户甲");
    CHECK(members[1]["invitor"]["userid"] == "owner1");
    CHECK(members[1]["join_time"].is_number_integer());
    CHECK(members[2]["name"] == "staff2");

    fake.remove_customer_member("wrOgQh", "staff2");
    fake.add_customer_member("wrOgQh", "wmNew");
    auto after = post(fake, path, {{"chat_id", "wrOgQh"}, {"need_name", 0}})["group_chat"]["member_list"];
    REQUIRE(after.size() == 3);
    CHECK(after[2]["userid"] == "wmNew");
    CHECK_FALSE(after[2].contains("name"));
    CHECK(post(fake, path, {{"chat_id", "unknown"}})["errcode"] == 40050);
}

TEST_CASE("the callback plaintexts have WeCom's shapes", "[wecom-fake]") {
    testing::bot_text m;
    m.chatid = "g1";
    m.content = "@打卡助手 打卡";
    auto group = json::parse(testing::bot_text_json(m));
    CHECK(group["chattype"] == "group");
    CHECK(group["chatid"] == "g1");
    CHECK(group["from"]["userid"] == "zhangsan");
    CHECK(group["text"]["content"] == "@打卡助手 打卡");
    m.chattype = "single";
    auto single = json::parse(testing::bot_text_json(m));
    CHECK_FALSE(single.contains("chatid"));

    testing::app_text a;
    a.from_user = "lisi";
    a.content = "a]]>b";
    a.create_time = 1700000000;
    auto app = testing::app_text_xml(a);
    CHECK(app.find("<FromUserName><![CDATA[lisi]]></FromUserName>") != std::string::npos);
    CHECK(app.find("<CreateTime>1700000000</CreateTime>") != std::string::npos);
    CHECK(app.find("<Content><![CDATA[a]]]]><![CDATA[>b]]></Content>") != std::string::npos);

    testing::customer_group_change e;
    e.chat_id = "wrOgQh";
    e.update_detail = "del_member";
    e.quit_scene = 1;
    e.members = {"wmA", "wmB"};
    auto left = testing::customer_group_change_xml(e);
    CHECK(left.find("<Event><![CDATA[change_external_chat]]></Event>") != std::string::npos);
    CHECK(left.find("<QuitScene>1</QuitScene>") != std::string::npos);
    CHECK(left.find("<MemChangeCnt>2</MemChangeCnt>") != std::string::npos);
    CHECK(left.find("<MemChangeList><Item><![CDATA[wmA]]></Item><Item><![CDATA[wmB]]></Item></MemChangeList>") !=
          std::string::npos);
}

TEST_CASE("the callback helpers sign, encrypt and spoil what they send", "[wecom-fake]") {
    // The fake server records whatever reaches it, so it serves here as the receiving end.
    fake_wecom fake;
    testing::wecom_signer signer("tok3n", official_key, "ww-fake-corp");
    auto opened = [&](testing::fake_wecom::call const& c, std::string const& encrypted) {
        CHECK(signer.signature(c.query.at("timestamp"), c.query.at("nonce"), encrypted) == c.query.at("msg_signature"));
        return signer.decrypt(encrypted);
    };

    auto verified = testing::verify_callback_url(fake.port(), "/wecom/app", signer, "echo-123");
    CHECK(verified.status == 404);
    auto get_call = fake.wait_for("/wecom/app", 1).at(0);
    CHECK(get_call.method == "GET");
    CHECK(get_call.query.at("echostr") == verified.encrypted);  // url-decoded back to the base64
    CHECK(opened(get_call, get_call.query.at("echostr")) == "echo-123");

    testing::app_text text_message;
    text_message.content = "你好";
    auto plain = testing::app_text_xml(text_message);
    auto app = testing::post_app_callback(fake.port(), "/wecom/app", signer, plain, "ww-fake-corp", "1000002");
    auto app_call = fake.wait_for("/wecom/app", 2).at(1);
    CHECK(app_call.raw_body.starts_with("<xml><ToUserName><![CDATA[ww-fake-corp]]></ToUserName><Encrypt><![CDATA["));
    CHECK(app_call.raw_body.ends_with("]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>"));
    CHECK(opened(app_call, app.encrypted) == plain);

    testing::wecom_signer bot("tok3n", official_key, "");
    testing::bot_text bot_message;
    bot_message.content = "@打卡助手 打卡";
    auto message = testing::bot_text_json(bot_message);
    testing::callback_options replay;
    replay.timestamp = "1700000000";
    replay.nonce = "42";
    replay.random16 = "aaaaaaaaaaaaaaaa";
    auto first = testing::post_bot_callback(fake.port(), "/wecom/bot", bot, message, replay);
    auto again = testing::post_bot_callback(fake.port(), "/wecom/bot", bot, message, replay);
    auto bot_calls = fake.wait_for("/wecom/bot", 2);
    REQUIRE(bot_calls.size() == 2);
    CHECK(bot_calls[0].raw_body == bot_calls[1].raw_body);
    CHECK(bot_calls[0].query == bot_calls[1].query);
    CHECK(bot_calls[0].query.at("timestamp") == "1700000000");
    CHECK(bot.decrypt(bot_calls[0].body.at("encrypt").get<std::string>()) == message);
    CHECK(first.msg_signature == bot.signature("1700000000", "42", first.encrypted));

    using testing::callback_fault;
    auto spoiled = [&](callback_fault f) {
        testing::callback_options opt;
        opt.fault = f;
        return testing::post_bot_callback(fake.port(), "/wecom/bot", bot, message, opt);
    };
    auto bad_sig = spoiled(callback_fault::bad_signature);
    CHECK(bad_sig.msg_signature != bot.signature(bad_sig.timestamp, bad_sig.nonce, bad_sig.encrypted));
    CHECK(bot.decrypt(bad_sig.encrypted) == message);
    for (auto f : {callback_fault::not_base64, callback_fault::bad_block_length, callback_fault::wrong_key,
                   callback_fault::wrong_receive_id}) {
        auto r = spoiled(f);
        CHECK(r.msg_signature == bot.signature(r.timestamp, r.nonce, r.encrypted));
        CHECK_THROWS(bot.decrypt(r.encrypted));
    }
    CHECK(fake.count("/wecom/bot") == 7);

    auto reply_plain = std::string("{\"msgtype\":\"text\"}");
    auto sealed = bot.encrypt(reply_plain);
    auto reply = json{{"encrypt", sealed}, {"msgsignature", bot.signature("17", "n", sealed)}, {"timestamp", 17},
                      {"nonce", "n"}};
    CHECK(testing::open_bot_reply(bot, reply.dump()) == reply_plain);
    reply["nonce"] = "other";
    CHECK_THROWS(testing::open_bot_reply(bot, reply.dump()));
    auto xml = "<xml><Encrypt><![CDATA[" + sealed + "]]></Encrypt><MsgSignature><![CDATA[" +
               bot.signature("17", "n", sealed) + "]]></MsgSignature><TimeStamp>17</TimeStamp><Nonce><![CDATA[n]]></Nonce></xml>";
    CHECK(testing::open_app_reply(bot, xml) == reply_plain);
}
