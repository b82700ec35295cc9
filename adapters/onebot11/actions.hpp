#pragma once
/// v11 action requests (`{"action", "params", "echo"}`) and their responses as bot::result.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/message.hpp"
#include "bot/platform.hpp"
#include "bot/result.hpp"

namespace adapters::onebot11 {

using nlohmann::json;

/// A request frame. `echo` may be any JSON type and comes back verbatim in the response.
json make_action(std::string_view action, json params, json echo);

/// A request frame written as text around its echo, without a JSON tree (the actions sent for
/// nearly every reply); the bytes dump_frame writes for the same frame.
struct action_text {
    std::string action;
    std::string head;  ///< the frame up to the echo's value
    std::string tail;  ///< the frame after it
    std::string with_echo(json const& echo) const { return head + echo.dump() + tail; }
};

/// send_group_msg or send_private_msg by the target, as text; fails with bad_request when nothing
/// sendable is left. `group` (private only, optional) is the temp-chat source group.
bot::result<action_text> send_msg_text(bot::target const& to, bot::message const& msg, bot::id const& group = {});

/// send_group_msg with a segment array; fails with bad_request when nothing sendable is left.
bot::result<json> send_group_msg(bot::id const& group, bot::message const& msg, json echo);
/// send_private_msg with a segment array; `group` (optional) is the temp-chat source group.
bot::result<json> send_private_msg(bot::id const& user, bot::message const& msg, json echo, bot::id const& group = {});
/// send_group_msg or send_private_msg, by the target.
bot::result<json> send_msg(bot::target const& to, bot::message const& msg, json echo);

json delete_msg(bot::id const& message_id, json echo);
json get_msg(bot::id const& message_id, json echo);
json set_essence_msg(bot::id const& message_id, json echo);
/// Always sends `duration` (NapCat's default is 0, which unmutes); 0 here unmutes on purpose.
json set_group_ban(bot::id const& group, bot::id const& user, std::chrono::seconds duration, json echo);
/// Always sends `enable`.
json set_group_whole_ban(bot::id const& group, bool enable, json echo);
/// Always sends `reject_add_request`.
json set_group_kick(bot::id const& group, bot::id const& user, bool reject_add_request, json echo);
/// An empty card clears it.
json set_group_card(bot::id const& group, bot::id const& user, std::string const& card, json echo);
/// Always sends `duration` (-1: the title does not expire). QQ lets only the group owner set one.
json set_group_special_title(bot::id const& group, bot::id const& user, std::string const& title, json echo);
/// `sub_type` must match the request event: "add" or "invite".
json set_group_add_request(bot::id const& flag, std::string_view sub_type, bool approve, std::string const& reason,
                           json echo);
json set_friend_add_request(bot::id const& flag, bool approve, json echo);
/// Either of the two above. request_answer does not say add or invite, so the caller passes the
/// `invite` it saw on the ev::join_request.
json answer_request(bot::request_answer const& answer, bool invite, json echo);
json get_group_member_info(bot::id const& group, bot::id const& user, bool no_cache, json echo);
json get_group_member_list(bot::id const& group, json echo);
json get_group_info(bot::id const& group, bool no_cache, json echo);
json get_login_info(json echo);
json group_poke(bot::id const& group, bot::id const& user, json echo);

/// The echo of a response (null when none).
json const& response_echo(json const& response);

/// Success or failure by `status` alone: "ok" and "async" succeed; "failed" is `rejected` (or
/// `unsupported` when the retcode is 1404/404, unknown action) with the implementation's words.
bot::status parse_status(json const& response);
/// A send response's message_id in its JSON type; empty when a successful response has none
/// ("async", go-cqhttp's poke).
bot::result<bot::id> parse_message_id(json const& response);
/// get_group_member_info data.
bot::result<bot::member_info> parse_member_info(json const& response);
/// get_group_member_list data; members that do not parse are skipped.
bot::result<std::vector<bot::member_info>> parse_member_list(json const& response);

/// get_login_info data.
struct login_info {
    bot::id user;
    std::string nickname;
};
bot::result<login_info> parse_login_info(json const& response);

/// get_group_info data.
struct group_info {
    bot::id group;
    std::string name;
    std::int64_t member_count = 0;
    std::int64_t max_member_count = 0;
};
bot::result<group_info> parse_group_info(json const& response);

}  // namespace adapters::onebot11
