#include "adapters/onebot11/actions.hpp"

#include "adapters/net/json_frame.hpp"
#include "adapters/onebot11/ids.hpp"
#include "adapters/onebot11/segments.hpp"

namespace adapters::onebot11 {

json make_action(std::string_view action, json params, json echo) {
    return json{{"action", action}, {"params", std::move(params)}, {"echo", std::move(echo)}};
}

namespace {

// An ID as id_to_json writes it: a number in the type it came in, a string quoted.
void write_id(std::string& out, bot::id const& v) {
    if (v.is_int()) out += std::to_string(v.as_int());
    else if (v.is_uint()) out += std::to_string(v.as_uint());
    else if (v.is_string()) net::append_json_string(out, v.as_string());
    else out += "null";
}

bot::result<json> as_json(bot::result<action_text> text, json const& echo) {
    if (!text) return text.err();
    return json::parse(text->with_echo(echo));
}

}  // namespace

namespace {

// send_group_msg (`to_group`) or send_private_msg to `user`; `group` is the group, or the
// temp-chat source group of a private message when set.
bot::result<action_text> write_send(bool to_group, bot::id const& group, bot::id const& user, bot::message const& msg) {
    auto segments = write_message(msg);
    if (segments == "[]") return bot::error{bot::errc::bad_request, "nothing in the message can be sent on OneBot v11"};
    action_text out;
    out.action = to_group ? "send_group_msg" : "send_private_msg";
    out.head = R"({"action":")" + out.action + R"(","echo":)";
    // The keys of params in sorted order, as dump_frame writes them.
    out.tail = R"(,"params":{)";
    if (to_group || !group.empty()) {
        out.tail += R"("group_id":)";
        write_id(out.tail, group);
        out.tail += ',';
    }
    out.tail += R"("message":)";
    out.tail += segments;
    if (!to_group) {
        out.tail += R"(,"user_id":)";
        write_id(out.tail, user);
    }
    out.tail += "}}";
    return out;
}

}  // namespace

bot::result<action_text> send_msg_text(bot::target const& to, bot::message const& msg, bot::id const& group) {
    return to.is_group() ? write_send(true, to.group, {}, msg) : write_send(false, group, to.user, msg);
}

bot::result<json> send_group_msg(bot::id const& group, bot::message const& msg, json echo) {
    return as_json(write_send(true, group, {}, msg), echo);
}

bot::result<json> send_private_msg(bot::id const& user, bot::message const& msg, json echo, bot::id const& group) {
    return as_json(write_send(false, group, user, msg), echo);
}

bot::result<json> send_msg(bot::target const& to, bot::message const& msg, json echo) {
    return as_json(send_msg_text(to, msg), echo);
}

json delete_msg(bot::id const& message_id, json echo) {
    return make_action("delete_msg", {{"message_id", id_to_json(message_id)}}, std::move(echo));
}

json get_msg(bot::id const& message_id, json echo) {
    return make_action("get_msg", {{"message_id", id_to_json(message_id)}}, std::move(echo));
}

json set_essence_msg(bot::id const& message_id, json echo) {
    return make_action("set_essence_msg", {{"message_id", id_to_json(message_id)}}, std::move(echo));
}

json set_group_ban(bot::id const& group, bot::id const& user, std::chrono::seconds duration, json echo) {
    return make_action("set_group_ban",
                       {{"group_id", id_to_json(group)}, {"user_id", id_to_json(user)}, {"duration", duration.count()}},
                       std::move(echo));
}

json set_group_whole_ban(bot::id const& group, bool enable, json echo) {
    return make_action("set_group_whole_ban", {{"group_id", id_to_json(group)}, {"enable", enable}}, std::move(echo));
}

json set_group_kick(bot::id const& group, bot::id const& user, bool reject_add_request, json echo) {
    return make_action(
        "set_group_kick",
        {{"group_id", id_to_json(group)}, {"user_id", id_to_json(user)}, {"reject_add_request", reject_add_request}},
        std::move(echo));
}

json set_group_card(bot::id const& group, bot::id const& user, std::string const& card, json echo) {
    return make_action("set_group_card",
                       {{"group_id", id_to_json(group)}, {"user_id", id_to_json(user)}, {"card", card}},
                       std::move(echo));
}

json set_group_special_title(bot::id const& group, bot::id const& user, std::string const& title, json echo) {
    return make_action(
        "set_group_special_title",
        {{"group_id", id_to_json(group)}, {"user_id", id_to_json(user)}, {"special_title", title}, {"duration", -1}},
        std::move(echo));
}

json set_group_add_request(bot::id const& flag, std::string_view sub_type, bool approve, std::string const& reason,
                           json echo) {
    json params{{"flag", id_to_json(flag)}, {"sub_type", sub_type}, {"approve", approve}};
    if (!approve && !reason.empty()) params["reason"] = reason;
    return make_action("set_group_add_request", std::move(params), std::move(echo));
}

json set_friend_add_request(bot::id const& flag, bool approve, json echo) {
    return make_action("set_friend_add_request", {{"flag", id_to_json(flag)}, {"approve", approve}}, std::move(echo));
}

json answer_request(bot::request_answer const& answer, bool invite, json echo) {
    if (!answer.group_request) return set_friend_add_request(answer.flag, answer.approve, std::move(echo));
    return set_group_add_request(answer.flag, invite ? "invite" : "add", answer.approve, answer.reason,
                                 std::move(echo));
}

json get_group_member_info(bot::id const& group, bot::id const& user, bool no_cache, json echo) {
    return make_action("get_group_member_info",
                       {{"group_id", id_to_json(group)}, {"user_id", id_to_json(user)}, {"no_cache", no_cache}},
                       std::move(echo));
}

json get_group_member_list(bot::id const& group, json echo) {
    return make_action("get_group_member_list", {{"group_id", id_to_json(group)}}, std::move(echo));
}

json get_group_info(bot::id const& group, bool no_cache, json echo) {
    return make_action("get_group_info", {{"group_id", id_to_json(group)}, {"no_cache", no_cache}}, std::move(echo));
}

json get_login_info(json echo) {
    return make_action("get_login_info", json::object(), std::move(echo));
}

json group_poke(bot::id const& group, bot::id const& user, json echo) {
    return make_action("group_poke", {{"group_id", id_to_json(group)}, {"user_id", id_to_json(user)}}, std::move(echo));
}

}  // namespace adapters::onebot11
