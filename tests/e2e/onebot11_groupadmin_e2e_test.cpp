// End to end over OneBot v11: the group-admin basics in the real binary, driven by a fake NapCat,
// asserting the exact wire actions and their parameters.
#include <catch2/catch.hpp>

// Options are written as designated initializers that leave the rest at their defaults.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <string>

#include "tests/support/bot_process.hpp"
#include "tests/support/fake_onebot.hpp"

using namespace std::chrono_literals;
using testing::flavor;
using testing::json;
using testing::onebot_peer;

namespace {

constexpr std::int64_t self = 20002;
constexpr std::int64_t group = 700200;
constexpr std::int64_t admin = 30010;
constexpr std::int64_t member = 30011;

struct admin_chat {
    unsigned short port = testing::free_port();
    testing::bot_process bot;
    std::unique_ptr<onebot_peer> peer;
    std::int64_t next_id = 500;

    explicit admin_chat(testing::peer_options opt)
        : bot("[bot]\nlog_level = \"info\"\ndatabase = \"qunbot.db\"\n\n[outbox]\nenabled = false\n\n"
              "[adapters.console]\nenabled = false\n\n[adapters.onebot11]\nenabled = true\n\n"
              "[adapters.onebot11.server]\nport = " + std::to_string(port) + "\n") {
        INFO(bot.log());
        REQUIRE(bot.wait_for_log(" started with "));
        opt.kind = flavor::napcat;
        opt.self_id = self;
        peer = onebot_peer::dial(port, opt);
        REQUIRE(peer);
    }

    std::int64_t says(std::int64_t user, json segments, std::string role) {
        auto id = next_id++;
        auto msg = peer->group_message(group, user, "", id);
        msg["message"] = std::move(segments);
        msg["sender"]["role"] = role;
        peer->send(msg);
        return id;
    }

    /// The actions the bot sends within `d`, without look-ups.
    std::vector<json> acts(std::chrono::milliseconds d = 1500ms) {
        auto all = peer->actions_for(d);
        std::erase_if(all, [](json const& a) { return a["action"].get<std::string>().starts_with("get_"); });
        return all;
    }
};

json text(std::string t) { return {{"type", "text"}, {"data", {{"text", std::move(t)}}}}; }
json at(std::int64_t qq) { return {{"type", "at"}, {"data", {{"qq", std::to_string(qq)}}}}; }
json reply(std::int64_t id) { return {{"type", "reply"}, {"data", {{"id", std::to_string(id)}}}}; }

/// An ID on the wire as the number or the numeric string it came as.
bool same_id(json const& v, std::int64_t id) { return v == json(id) || v == json(std::to_string(id)); }

std::vector<json> named(std::vector<json> const& acts, std::string const& action) {
    std::vector<json> out;
    for (auto const& a : acts)
        if (a["action"] == action) out.push_back(a);
    return out;
}

std::string all_text(std::vector<json> const& actions) {
    std::string out;
    for (auto const& a : actions)
        if (a["params"].contains("message"))
            for (auto const& seg : a["params"]["message"])
                if (seg["type"] == "text") out += seg["data"]["text"].get<std::string>();
    return out;
}

}  // namespace

TEST_CASE("over OneBot v11 the admin basics send the exact group-admin actions", "[e2e][onebot11][groupadmin]") {
    admin_chat c({.self_role = "owner"});
    INFO(c.bot.log());

    c.says(admin, json::array({text("/全员禁言")}), "admin");
    auto on = named(c.acts(), "set_group_whole_ban");
    REQUIRE(on.size() == 1);
    CHECK(on[0]["params"] == json{{"group_id", group}, {"enable", true}});
    c.says(admin, json::array({text("/全员禁言 关")}), "admin");
    auto off = named(c.acts(), "set_group_whole_ban");
    REQUIRE(off.size() == 1);
    CHECK(off[0]["params"] == json{{"group_id", group}, {"enable", false}});

    c.says(admin, json::array({text("/card "), at(member), text(" 小明 | 设计")}), "admin");
    auto card = named(c.acts(), "set_group_card");
    REQUIRE(card.size() == 1);
    CHECK(card[0]["params"] == json{{"group_id", group}, {"user_id", member}, {"card", "小明 | 设计"}});

    c.says(admin, json::array({text("/title "), at(member), text(" 读书达人")}), "admin");
    auto title = named(c.acts(), "set_group_special_title");
    REQUIRE(title.size() == 1);
    CHECK(title[0]["params"] ==
          json{{"group_id", group}, {"user_id", member}, {"special_title", "读书达人"}, {"duration", -1}});

    auto note = c.says(member, json::array({text("第三章的读书笔记")}), "member");
    c.acts(300ms);
    c.says(admin, json::array({reply(note), text("/精华")}), "admin");
    auto essence = named(c.acts(), "set_essence_msg");
    REQUIRE(essence.size() == 1);
    CHECK(same_id(essence[0]["params"]["message_id"], note));

    auto spam = c.says(member, json::array({text("刷屏刷屏刷屏")}), "member");
    c.acts(300ms);
    auto cmd = c.says(admin, json::array({reply(spam), text("/recall")}), "admin");
    auto recalls = named(c.acts(), "delete_msg");
    REQUIRE(recalls.size() == 2);
    CHECK(same_id(recalls[0]["params"]["message_id"], spam));
    CHECK(same_id(recalls[1]["params"]["message_id"], cmd));
}

TEST_CASE("over OneBot v11 a refused action is told to the admin in Chinese", "[e2e][onebot11][groupadmin]") {
    admin_chat c({.self_role = "admin", .fail_actions = {"delete_msg", "set_group_card"}, .fail_wording = "消息不存在"});
    INFO(c.bot.log());
    auto old = c.says(member, json::array({text("很久以前的消息")}), "member");
    c.acts(300ms);
    c.says(admin, json::array({reply(old), text("/recall")}), "admin");
    auto acts = c.acts();
    REQUIRE(named(acts, "delete_msg").size() == 1);
    CHECK(all_text(acts).find("撤回失败：平台拒绝了（消息不存在 (retcode 1200)）") != std::string::npos);
    // The bot is an admin, not the owner: it refuses the title itself, and sends nothing for it.
    c.says(admin, json::array({text("/title "), at(member), text(" 达人")}), "admin");
    acts = c.acts();
    CHECK(named(acts, "set_group_special_title").empty());
    CHECK(all_text(acts).find("只有群主才能设置专属头衔") != std::string::npos);
}
