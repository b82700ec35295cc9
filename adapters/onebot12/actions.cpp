#include "adapters/onebot12/actions.hpp"

#include "adapters/onebot12/flag.hpp"
#include "adapters/onebot12/ids.hpp"

namespace adapters::onebot12 {

json make_action(std::string_view action, json params, std::string const& echo, self_ref const& self) {
    json frame{{"action", action}, {"params", std::move(params)}, {"echo", echo}};
    if (!self.empty()) frame["self"] = json{{"platform", self.platform}, {"user_id", id_to_json(self.user)}};
    return frame;
}

bot::result<json> send_message(bot::target const& to, bot::message const& msg, profile const& impl,
                               uploaded_files const& uploaded, std::string const& echo, self_ref const& self) {
    auto segments = encode_message(msg, impl, uploaded);
    if (segments.empty())
        return bot::error{bot::errc::bad_request, "nothing in the message can be sent on OneBot v12 (" + impl.name + ")"};
    json params = to.is_group() ? json{{"detail_type", "group"}, {"group_id", id_to_json(to.group)}}
                                : json{{"detail_type", "private"}, {"user_id", id_to_json(to.user)}};
    params["message"] = std::move(segments);
    return make_action("send_message", std::move(params), echo, self);
}

json upload_file(upload const& file, std::string const& echo, self_ref const& self) {
    return make_action("upload_file", {{"type", "url"}, {"name", file.name}, {"url", file.url}}, echo, self);
}

json delete_message(bot::id const& message_id, std::string const& echo, self_ref const& self) {
    return make_action("delete_message", {{"message_id", id_to_json(message_id)}}, echo, self);
}

json get_self_info(std::string const& echo, self_ref const& self) {
    return make_action("get_self_info", json::object(), echo, self);
}

json get_status(std::string const& echo, self_ref const& self) {
    return make_action("get_status", json::object(), echo, self);
}

json get_group_info(bot::id const& group, std::string const& echo, self_ref const& self) {
    return make_action("get_group_info", {{"group_id", id_to_json(group)}}, echo, self);
}

json get_group_member_info(bot::id const& group, bot::id const& user, std::string const& echo, self_ref const& self) {
    return make_action("get_group_member_info", {{"group_id", id_to_json(group)}, {"user_id", id_to_json(user)}}, echo,
                       self);
}

json get_group_member_list(bot::id const& group, std::string const& echo, self_ref const& self) {
    return make_action("get_group_member_list", {{"group_id", id_to_json(group)}}, echo, self);
}

bot::result<json> kick(bot::id const& group, bot::id const& user, profile const& impl, std::string const& echo,
                       self_ref const& self) {
    if (impl.kick_action.empty())
        return bot::error{bot::errc::unsupported, impl.name + " has no action to remove group members"};
    json params{{"group_id", id_to_json(group)}, {"user_list", json::array({id_to_json(user)})}};
    return make_action(impl.kick_action, std::move(params), echo, self);
}

bot::result<std::optional<json>> answer_request(bot::request_answer const& answer, profile const& impl,
                                                std::string const& echo, self_ref const& self) {
    if (answer.group_request)
        return bot::error{bot::errc::unsupported, "OneBot v12 has no group join requests"};
    if (impl.accept_friend_action.empty())
        return bot::error{bot::errc::unsupported, impl.name + " has no action to answer friend requests"};
    auto params = wx_friend_params(answer.flag.str());
    if (!params) return bot::error{bot::errc::bad_request, "the flag is not a WeChat friend request's"};
    if (!answer.approve) return std::optional<json>{};
    return std::optional<json>{make_action(impl.accept_friend_action, std::move(*params), echo, self)};
}

}  // namespace adapters::onebot12
