#include <chrono>

#include "adapters/onebot11/actions.hpp"
#include "adapters/onebot11/ids.hpp"

namespace adapters::onebot11 {

namespace {

std::string str(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return it->dump();
    return {};
}

std::int64_t integer(json const& j, char const* key) {
    auto it = j.find(key);
    if (it == j.end()) return 0;
    auto v = id_from_json(*it);
    return v ? v->to_int().value_or(0) : 0;
}

bot::time_point seconds_or_ms(std::int64_t v) {
    return bot::time_point{std::chrono::seconds{v > 1'000'000'000'000 ? v / 1000 : v}};
}

// The `data` object of a successful response, or an error saying what came instead.
bot::result<json> data_object(json const& response, std::string_view what) {
    if (auto s = parse_status(response); !s) return s.err();
    auto it = response.find("data");
    if (it == response.end() || !it->is_object())
        return bot::error{bot::errc::internal, std::string(what) + ": the response has no data object"};
    return *it;
}

std::optional<bot::member_info> member(json const& d) {
    auto user = d.contains("user_id") ? id_from_json(d.at("user_id")) : std::nullopt;
    if (!user) return std::nullopt;
    bot::member_info m;
    m.user = std::move(*user);
    m.nickname = str(d, "nickname");
    m.card = str(d, "card");
    m.title = str(d, "title");
    auto role = str(d, "role");
    m.role = role == "owner" ? bot::role::owner : role == "admin" ? bot::role::admin : bot::role::member;
    m.joined_at = seconds_or_ms(integer(d, "join_time"));
    m.last_active = seconds_or_ms(integer(d, "last_sent_time"));
    return m;
}

}  // namespace

json const& response_echo(json const& response) {
    static json const none;
    auto it = response.is_object() ? response.find("echo") : response.end();
    return it == response.end() ? none : *it;
}

bot::status parse_status(json const& response) {
    if (!response.is_object()) return bot::error{bot::errc::internal, "the response is not a JSON object"};
    auto status = str(response, "status");
    if (status == "ok" || status == "async") return bot::ok();
    if (status != "failed")
        return bot::error{bot::errc::internal, "the response has no known status: \"" + status + "\""};
    auto retcode = integer(response, "retcode");
    // go-cqhttp: wording (human) + msg (code); NapCat: message = wording.
    auto words = str(response, "wording");
    if (words.empty()) words = str(response, "message");
    if (words.empty()) words = str(response, "msg");
    if (words.empty()) words = "failed";
    words += " (retcode " + std::to_string(retcode) + ")";
    if (retcode == 1404 || retcode == 404) return bot::error{bot::errc::unsupported, "unknown action: " + words};
    return bot::error{bot::errc::rejected, std::move(words)};
}

bot::result<bot::id> parse_message_id(json const& response) {
    if (auto s = parse_status(response); !s) return s.err();
    auto data = response.find("data");
    if (data == response.end() || !data->is_object() || !data->contains("message_id")) return bot::id{};
    auto message_id = id_from_json(data->at("message_id"));
    if (!message_id) return bot::error{bot::errc::internal, "message_id is neither a number nor a string"};
    return std::move(*message_id);
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

bot::result<login_info> parse_login_info(json const& response) {
    auto data = data_object(response, "get_login_info");
    if (!data) return data.err();
    auto user = data->contains("user_id") ? id_from_json(data->at("user_id")) : std::nullopt;
    if (!user) return bot::error{bot::errc::internal, "get_login_info: no user_id in the data"};
    return login_info{std::move(*user), str(*data, "nickname")};
}

bot::result<group_info> parse_group_info(json const& response) {
    auto data = data_object(response, "get_group_info");
    if (!data) return data.err();
    auto group = data->contains("group_id") ? id_from_json(data->at("group_id")) : std::nullopt;
    if (!group) return bot::error{bot::errc::internal, "get_group_info: no group_id in the data"};
    return group_info{std::move(*group), str(*data, "group_name"), integer(*data, "member_count"),
                      integer(*data, "max_member_count")};
}

}  // namespace adapters::onebot11
