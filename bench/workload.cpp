#include "bench/workload.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>

#include <nlohmann/json.hpp>

namespace bench {

using nlohmann::json;

namespace {

// Ordinary chat: no links, no contact numbers, no pitch words, no commands. Written without
// characters that need JSON escaping.
constexpr std::array chat_lines{
    "早上好，今天天气不错",
    "这本书第三章写得真好，推荐大家看看",
    "有人周末一起去爬山吗？",
    "刚下班，地铁上人好多",
    "哈哈哈哈笑死我了",
    "谢谢分享，学到了",
    "晚饭吃什么呢，纠结",
    "我觉得这个方案还可以再改改",
    "明天的读书会几点开始？",
    "收到，我晚点看一下",
    "Good morning everyone!",
    "Has anyone read the new chapter yet?",
    "I think the second option is better.",
    "Thanks for the tips, very helpful.",
    "Let me check and get back to you later.",
    "See you all at the meetup on Saturday.",
    "今天跑了五公里，有点累",
    "这个问题我也遇到过，重启一下就好了",
    "大家注意休息，别熬夜",
    "周报写完了，终于可以摸鱼了",
};

// Ads: links, 加V pitches and 兼职 pitches.
constexpr std::array ad_lines{
    "福利来了 http://bit.ly/3xYzAbc 点开领取",
    "加V：abc12345 了解详情，名额有限",
    "宝妈兼职，在家兼职日结，有意者私聊",
    "加我薇信 wx998877 带你赚钱",
    "看这里 www.cheap-deals.top 全场一折",
    "招聘兼职打字员，日结一百，加微详聊",
};

void append_sender(std::string& out, std::int64_t user) {
    out += R"("sender":{"user_id":)";
    out += std::to_string(user);
    out += R"(,"nickname":"成员)";
    out += std::to_string(user % 100000);
    out += R"(","card":"","role":"member"})";
}

std::string id_text(json const& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    return v.dump();
}

}  // namespace

std::string_view kind_name(kind k) {
    switch (k) {
        case kind::chat: return "chat";
        case kind::checkin: return "checkin";
        case kind::ad: return "ad";
        case kind::join: return "join";
    }
    return "?";
}

generator::generator(workload_options opt) : opt_(opt), rng_(opt.seed) {}

event generator::next(std::optional<kind> only) {
    ++count_;
    kind what = kind::chat;
    if (only) {
        what = *only;
    } else {
        int roll = static_cast<int>(rng_() % 100);
        if (roll < opt_.checkin_percent) what = kind::checkin;
        else if (roll < opt_.checkin_percent + opt_.ad_percent) what = kind::ad;
        else if (roll < opt_.checkin_percent + opt_.ad_percent + opt_.join_percent) what = kind::join;
    }
    event e;
    e.what = what;
    e.group = group_id(static_cast<int>(rng_() % static_cast<unsigned>(opt_.groups)));
    e.user = member_id(static_cast<int>(rng_() % static_cast<unsigned>(opt_.members)));
    switch (what) {
        case kind::chat:
            e.message_id = next_message_id_++;
            e.json = group_message(e.group, e.user, e.message_id, chat_lines[rng_() % chat_lines.size()]);
            break;
        case kind::checkin: {
            auto pair = checkins_++;
            e.group = group_id(static_cast<int>(pair % static_cast<unsigned>(opt_.groups)));
            e.user = member_id(static_cast<int>((pair / static_cast<unsigned>(opt_.groups)) % static_cast<unsigned>(opt_.members)));
            e.message_id = next_message_id_++;
            e.json = group_message(e.group, e.user, e.message_id, "/checkin");
            break;
        }
        case kind::ad:
            e.message_id = next_message_id_++;
            e.json = group_message(e.group, e.user, e.message_id, ad_lines[rng_() % ad_lines.size()]);
            break;
        case kind::join:
            e.user = next_newcomer_++;
            e.json = group_increase(e.group, e.user);
            break;
    }
    return e;
}

std::string generator::group_message(std::int64_t group, std::int64_t user, std::int64_t message_id,
                                     std::string_view text) const {
    auto mid = std::to_string(message_id);
    std::string out;
    out.reserve(512);
    out += R"({"self_id":)" + std::to_string(opt_.self_id);
    out += R"(,"user_id":)" + std::to_string(user);
    out += R"(,"time":)" + std::to_string(std::time(nullptr));
    out += R"(,"message_id":)" + mid;
    out += R"(,"message_seq":)" + mid;
    out += R"(,"real_id":)" + mid;
    out += R"(,"real_seq":")" + mid + '"';
    out += R"(,"message_type":"group",)";
    append_sender(out, user);
    out += R"(,"raw_message":")";
    out += text;
    out += R"(","font":14,"sub_type":"normal","message":[{"type":"text","data":{"text":")";
    out += text;
    out += R"("}}],"message_format":"array","post_type":"message","group_id":)" + std::to_string(group) + "}";
    return out;
}

std::string generator::group_increase(std::int64_t group, std::int64_t user) const {
    return R"({"time":)" + std::to_string(std::time(nullptr)) + R"(,"self_id":)" + std::to_string(opt_.self_id) +
           R"(,"post_type":"notice","group_id":)" + std::to_string(group) + R"(,"user_id":)" + std::to_string(user) +
           R"(,"notice_type":"group_increase","operator_id":0,"sub_type":"approve"})";
}

std::string generator::lifecycle_connect() const {
    return R"({"time":)" + std::to_string(std::time(nullptr)) + R"(,"self_id":)" + std::to_string(opt_.self_id) +
           R"(,"post_type":"meta_event","meta_event_type":"lifecycle","sub_type":"connect"})";
}

std::string generator::heartbeat(int interval_ms) const {
    return R"({"time":)" + std::to_string(std::time(nullptr)) + R"(,"self_id":)" + std::to_string(opt_.self_id) +
           R"(,"post_type":"meta_event","meta_event_type":"heartbeat","status":{"online":true,"good":true},"interval":)" +
           std::to_string(interval_ms) + "}";
}

std::optional<action_info> read_action(std::string_view frame, std::int64_t self_id) {
    auto j = json::parse(frame, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("action") || !j["action"].is_string()) return std::nullopt;
    action_info a;
    a.name = j["action"].get<std::string>();
    if (j.contains("echo")) a.echo = j["echo"].dump();
    json const& params = j.contains("params") ? j["params"] : json::object();
    auto param = [&](char const* key) { return params.contains(key) ? id_text(params[key]) : std::string(); };
    a.effect = !(a.name.starts_with("get_") || a.name.starts_with("can_") || a.name == "get_status");
    if (a.name == "delete_msg") {
        a.keys.push_back("d:" + param("message_id"));
    } else if (a.name == "send_group_msg" || a.name == "send_msg" || a.name == "send_private_msg") {
        auto target = a.name == "send_private_msg" ? "p" + param("user_id") : param("group_id");
        if (params.contains("message") && params["message"].is_array()) {
            for (auto const& seg : params["message"]) {
                if (!seg.is_object() || !seg.contains("data")) continue;
                auto type = seg.value("type", std::string());
                if (type == "reply") a.keys.insert(a.keys.begin(), "r:" + id_text(seg["data"].value("id", json())));
                else if (type == "at") a.keys.push_back("a:" + target + ":" + id_text(seg["data"].value("qq", json())));
            }
        }
    }
    if (!a.effect) {
        json data = nullptr;
        if (a.name == "get_login_info") {
            data = {{"user_id", self_id}, {"nickname", "qunbot"}};
        } else if (a.name == "get_group_info") {
            data = {{"group_id", params.value("group_id", json())}, {"group_name", "读书会"},
                    {"member_count", 5000}, {"max_member_count", 5000}};
        } else if (a.name == "get_group_member_info" || a.name == "get_stranger_info") {
            data = {{"group_id", params.value("group_id", json())}, {"user_id", params.value("user_id", json())},
                    {"nickname", "成员"}, {"card", ""}, {"role", "member"}};
        } else if (a.name.starts_with("get_") && a.name.ends_with("_list")) {
            data = json::array();
        }
        a.query_data = data.dump();
    }
    return a;
}

std::string answer(action_info const& a, std::int64_t message_id) {
    std::string data = a.effect ? (a.name.starts_with("send_") ? R"({"message_id":)" + std::to_string(message_id) + "}"
                                                              : std::string("null"))
                                : a.query_data;
    std::string out = R"({"status":"ok","retcode":0,"data":)" + data + R"(,"message":"","wording":"")";
    if (!a.echo.empty()) out += R"(,"echo":)" + a.echo;
    out += "}";
    return out;
}

std::vector<std::string> expected_keys(event const& e) {
    auto group = std::to_string(e.group);
    auto user = std::to_string(e.user);
    switch (e.what) {
        case kind::chat: return {};
        case kind::checkin: return {"r:" + std::to_string(e.message_id)};
        case kind::ad: return {"d:" + std::to_string(e.message_id), "a:" + group + ":" + user};
        case kind::join: return {"a:" + group + ":" + user};
    }
    return {};
}

bool ledger::expect(event const& e, clock::time_point at) {
    auto keys = expected_keys(e);
    if (keys.empty()) return false;
    auto id = next_++;
    events_.emplace(id, waiting{at, static_cast<int>(keys.size()), e.what});
    for (auto& k : keys) by_key_[std::move(k)].push_back(id);
    expected_actions += events_[id].remaining;
    ++pending_events_;
    return true;
}

bool ledger::match(action_info const& a, clock::time_point now) {
    if (!a.effect) {
        ++queries;
        return false;
    }
    for (auto const& key : a.keys) {
        auto it = by_key_.find(key);
        if (it == by_key_.end()) continue;
        auto id = it->second.front();
        it->second.pop_front();
        if (it->second.empty()) by_key_.erase(it);
        ++matched_actions;
        auto ev = events_.find(id);
        if (--ev->second.remaining > 0) return false;
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - ev->second.sent).count();
        latencies_us.push_back(static_cast<std::uint32_t>(std::clamp<std::int64_t>(us, 0, UINT32_MAX)));
        events_.erase(ev);
        --pending_events_;
        ++completed_events;
        return true;
    }
    ++unexpected_actions;
    if (unexpected_samples.size() < 5) {
        auto sample = a.name;
        for (auto const& k : a.keys) sample += " " + k;
        unexpected_samples.push_back(sample);
    }
    return false;
}

std::vector<std::string> ledger::missing_samples(std::size_t n) const {
    std::vector<std::string> out;
    for (auto const& [key, ids] : by_key_) {
        if (out.size() >= n) break;
        out.push_back(key);
    }
    return out;
}

void ledger::clear_pending() {
    events_.clear();
    by_key_.clear();
    pending_events_ = 0;
}

double percentile_ms(std::vector<std::uint32_t> const& sorted, double p) {
    if (sorted.empty()) return 0;
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    auto index = std::min(sorted.size() - 1, rank == 0 ? 0 : rank - 1);
    return sorted[index] / 1000.0;
}

}  // namespace bench
