#include "adapters/onebot12/actions.hpp"
#include "adapters/onebot12/ids.hpp"

namespace adapters::onebot12 {

namespace {

std::string str(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();
    return {};
}

std::optional<bot::id> id_field(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    auto v = id_from_json(*it);
    if (!v || v->str().empty()) return std::nullopt;
    return v;
}

// The `data` object of a successful response, or an error saying what came instead.
bot::result<json> data_object(json const& response, std::string_view what) {
    if (auto s = parse_status(response); !s) return s.err();
    auto it = response.find("data");
    if (it == response.end() || !it->is_object())
        return bot::error{bot::errc::internal, std::string(what) + ": the response has no data object"};
    return *it;
}

// "role", or an extension's "<prefix>.role".
bot::role role_of(json const& d) {
    std::string role;
    for (auto const& [key, value] : d.items())
        if ((key == "role" || key.ends_with(".role")) && value.is_string()) role = value.get<std::string>();
    if (role == "owner") return bot::role::owner;
    if (role == "admin") return bot::role::admin;
    return bot::role::member;
}

std::optional<bot::member_info> member(json const& d) {
    auto user = id_field(d, "user_id");
    if (!user) return std::nullopt;
    bot::member_info m;
    m.user = std::move(*user);
    m.nickname = str(d, "user_name");
    m.card = str(d, "user_displayname");  // the name shown in this group
    m.role = role_of(d);
    return m;
}

}  // namespace

bot::status parse_status(json const& response) {
    if (!response.is_object()) return bot::error{bot::errc::internal, "the response is not a JSON object"};
    auto status = str(response, "status");
    if (status == "ok") return bot::ok();
    if (status != "failed")
        return bot::error{bot::errc::internal, "the response has no known status: \"" + status + "\""};
    auto retcode = response.contains("retcode") && response.at("retcode").is_number_integer()
                       ? response.at("retcode").get<std::int64_t>()
                       : 0;
    auto words = str(response, "message");
    if (words.empty()) words = "failed";
    words += " (retcode " + std::to_string(retcode) + ")";
    if (retcode == 10002 || retcode == 10004 || retcode == 10005 || retcode == 10007)
        return bot::error{bot::errc::unsupported, std::move(words)};
    if (retcode >= 10001 && retcode <= 10099) return bot::error{bot::errc::bad_request, std::move(words)};
    if (retcode == 10101 || retcode == 10102) return bot::error{bot::errc::not_connected, std::move(words)};
    return bot::error{bot::errc::rejected, std::move(words)};
}

bot::result<bot::id> parse_message_id(json const& response) {
    if (auto s = parse_status(response); !s) return s.err();
    auto data = response.find("data");
    if (data == response.end() || !data->is_object()) return bot::id{};  // ComWeChat: `true`
    if (!data->contains("message_id")) return bot::id{};
    auto message_id = id_field(*data, "message_id");
    if (!message_id) return bot::error{bot::errc::internal, "send_message: message_id is not a string"};
    return std::move(*message_id);
}

bot::result<std::string> parse_file_id(json const& response) {
    auto data = data_object(response, "upload_file");
    if (!data) return data.err();
    auto file_id = str(*data, "file_id");
    if (file_id.empty()) return bot::error{bot::errc::internal, "upload_file: no file_id in the data"};
    return file_id;
}

bot::result<bot::member_info> parse_member_info(json const& response) {
    auto data = data_object(response, "get_group_member_info");
    if (!data) return data.err();
    auto m = member(*data);
    if (!m) return bot::error{bot::errc::internal, "get_group_member_info: no user_id in the data"};
    return std::move(*m);
}

bot::result<std::vector<bot::member_info>> parse_member_list(json const& response) {
    if (auto s = parse_status(response); !s) return s.err();
    auto data = response.find("data");
    if (data == response.end() || !data->is_array())
        return bot::error{bot::errc::internal, "get_group_member_list: the response has no data array"};
    std::vector<bot::member_info> out;
    for (auto const& item : *data)
        if (item.is_object())
            if (auto m = member(item)) out.push_back(std::move(*m));
    return out;
}

bot::result<self_info> parse_self_info(json const& response) {
    auto data = data_object(response, "get_self_info");
    if (!data) return data.err();
    auto user = id_field(*data, "user_id");
    if (!user) return bot::error{bot::errc::internal, "get_self_info: no user_id in the data"};
    return self_info{std::move(*user), str(*data, "user_name"), str(*data, "user_displayname")};
}

bot::result<group_info> parse_group_info(json const& response) {
    auto data = data_object(response, "get_group_info");
    if (!data) return data.err();
    auto group = id_field(*data, "group_id");
    if (!group) return bot::error{bot::errc::internal, "get_group_info: no group_id in the data"};
    return group_info{std::move(*group), str(*data, "group_name")};
}

bot::result<std::vector<bot_status>> parse_status_bots(json const& response) {
    auto data = data_object(response, "get_status");
    if (!data) return data.err();
    std::vector<bot_status> out;
    auto bots = data->find("bots");
    if (bots == data->end() || !bots->is_array()) return out;
    for (auto const& b : *bots) {
        if (!b.is_object() || !b.contains("self") || !b.at("self").is_object()) continue;
        auto const& self = b.at("self");
        auto user = id_field(self, "user_id");
        auto platform = str(self, "platform");
        if (!user || platform.empty()) continue;
        auto online = b.find("online");
        out.push_back({{platform, std::move(*user)}, online != b.end() && online->is_boolean() && online->get<bool>()});
    }
    return out;
}

}  // namespace adapters::onebot12
