#pragma once
/// v12 action requests (`{"action", "params", "echo", "self"}`) and their responses as bot::result.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/onebot12/decode.hpp"
#include "adapters/onebot12/profile.hpp"
#include "adapters/onebot12/segments.hpp"
#include "bot/message.hpp"
#include "bot/platform.hpp"
#include "bot/result.hpp"

namespace adapters::onebot12 {

using nlohmann::json;

/// A request frame. `echo` is a string (v12 types it so) and comes back verbatim; `self` names the
/// bot the action is for, which a connection serving several bots needs (10101 "Who Am I" without
/// it). An empty `self` is left out, for calls made before the account is known.
json make_action(std::string_view action, json params, std::string const& echo, self_ref const& self);

/// send_message with detail_type group or private and a segment array for this implementation.
/// Images and files given by URL must be in `uploaded` (see uploads_needed). Fails with bad_request
/// when nothing sendable is left.
bot::result<json> send_message(bot::target const& to, bot::message const& msg, profile const& impl,
                               uploaded_files const& uploaded, std::string const& echo, self_ref const& self);

/// upload_file of type "url": the implementation downloads it and answers with a file_id.
json upload_file(upload const& file, std::string const& echo, self_ref const& self);
json delete_message(bot::id const& message_id, std::string const& echo, self_ref const& self);
json get_self_info(std::string const& echo, self_ref const& self);
json get_status(std::string const& echo, self_ref const& self);
json get_group_info(bot::id const& group, std::string const& echo, self_ref const& self);
json get_group_member_info(bot::id const& group, bot::id const& user, std::string const& echo, self_ref const& self);
json get_group_member_list(bot::id const& group, std::string const& echo, self_ref const& self);

/// Removes a member through the implementation's extension (ComWeChat: wx.delete_groupmember
/// {group_id, user_list: [user]}); unsupported where there is none. WeChat has no "refuse rejoin".
bot::result<json> kick(bot::id const& group, bot::id const& user, profile const& impl, std::string const& echo,
                       self_ref const& self);

/// Answers a request. Approving a WeChat friend request is wx.accept_friend with the tickets kept
/// in the flag; rejecting one needs no action (nullopt: the request simply lapses). Group join
/// requests do not exist in v12: unsupported.
bot::result<std::optional<json>> answer_request(bot::request_answer const& answer, profile const& impl,
                                                std::string const& echo, self_ref const& self);

/// Success or failure by `status` alone; a failure is typed by the standard retcode ranges:
/// 10002 unsupported action (and 10004/10005/10007 unsupported param/segment) → unsupported,
/// other 1000x → bad_request, 10101/10102 (who am I / unknown self) → not_connected,
/// anything else → rejected, with the implementation's message.
bot::status parse_status(json const& response);
/// A send response's message_id; empty when the implementation answers only `true` (ComWeChat).
bot::result<bot::id> parse_message_id(json const& response);
/// upload_file data: the new file_id.
bot::result<std::string> parse_file_id(json const& response);
/// get_group_member_info data. v12 has no role: every member is role::member unless the
/// implementation adds a "role" or "<prefix>.role" field (owner / admin).
bot::result<bot::member_info> parse_member_info(json const& response);
/// get_group_member_list data; members that do not parse are skipped.
bot::result<std::vector<bot::member_info>> parse_member_list(json const& response);

/// get_self_info data.
struct self_info {
    bot::id user;
    std::string name;          ///< user_name
    std::string display_name;  ///< user_displayname
};
bot::result<self_info> parse_self_info(json const& response);

/// get_group_info data.
struct group_info {
    bot::id group;
    std::string name;
};
bot::result<group_info> parse_group_info(json const& response);

/// get_status data: the bots this connection serves.
bot::result<std::vector<bot_status>> parse_status_bots(json const& response);

}  // namespace adapters::onebot12
