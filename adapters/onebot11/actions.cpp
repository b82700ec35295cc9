#include "adapters/onebot11/actions.hpp"

#include "adapters/onebot11/ids.hpp"
#include "adapters/onebot11/segments.hpp"

namespace adapters::onebot11 {

json make_action(std::string_view action, json params, json echo) {
    return json{{"action", action}, {"params", std::move(params)}, {"echo", std::move(echo)}};
}

namespace {

bot::result<json> send(std::string_view action, json params, bot::message const& msg, json echo) {
    auto segments = encode_message(msg);
    if (segments.empty()) return bot::error{bot::errc::bad_request, "nothing in the message can be sent on OneBot v11"};
    params["message"] = std::move(segments);
    return make_action(action, std::move(params), std::move(echo));
}

}  // namespace

bot::result<json> send_group_msg(bot::id const& group, bot::message const& msg, json echo) {
    return send("send_group_msg", {{"group_id", id_to_json(group)}}, msg, std::move(echo));
}

bot::result<json> send_private_msg(bot::id const& user, bot::message const& msg, json echo, bot::id const& group) {
    json params{{"user_id", id_to_json(user)}};
    if (!group.empty()) params["group_id"] = id_to_json(group);
    return send("send_private_msg", std::move(params), msg, std::move(echo));
}

bot::result<json> send_msg(bot::target const& to, bot::message const& msg, json echo) {
    if (to.is_group()) return send_group_msg(to.group, msg, std::move(echo));
    return send_private_msg(to.user, msg, std::move(echo));
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
