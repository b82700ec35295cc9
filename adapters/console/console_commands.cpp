// The sandbox's own ":" commands: who you are, who is in the group, and what time it is.
#include <fmt/format.h>

#include <array>
#include <set>
#include <string_view>

#include "adapters/console/console.hpp"
#include "bot/config_schema.hpp"

namespace adapters::console {

using namespace bot;

namespace {

constexpr char const* help_text = R"(沙盒命令 / sandbox commands:
  :as NAME            以 NAME 的身份说话 / speak as NAME
  :join NAME          NAME 入群 / NAME joins the group
  :leave NAME         NAME 退群 / NAME leaves the group
  :admin NAME         设为管理员 / make NAME an admin   (:unadmin NAME 取消 / revoke)
  :group NAME         切换或新建群 / switch to (or create) group NAME
  :members            群成员 / list members              :groups  群列表 / list groups
  :time +1d | +2h30m  时间前进 / move time forward
  :time 21:00         前进到下一个 21:00 / to the next 21:00
  :time 2026-03-02 09:00   前进到某时刻 / to a moment (local time)
  :now                现在几点 / show the time
  :dm TEXT            私聊机器人 / private message to the bot
  :image URL [TEXT]   发图片 / send an image
  :redpacket [AMOUNT] 发红包 / send a red packet
  :recall             撤回你的上一条消息 / recall your last message
  :reply #ID TEXT     回复（引用）消息 #ID / reply to message #ID, e.g. :reply #5 /精华
  :request NAME [TEXT]  NAME 申请入群 / NAME asks to join
  :poke               戳一戳机器人 / poke the bot
  :help               本帮助 / this help          :quit  退出 / exit
其他输入都是群消息；@名字 会变成 @提及。 Anything else is a group message; @name mentions a member.)";

/// The ":" commands TAB completes (adapter::command below handles them, and a few short aliases).
constexpr std::array<std::string_view, 18> command_names{"as",        "join",    "leave",   "admin", "unadmin", "group",
                                                         "groups",    "members", "time",    "now",   "dm",      "image",
                                                         "redpacket", "recall",  "request", "poke",  "help",    "quit"};
/// The ":" commands whose argument is a member's name.
constexpr std::array<std::string_view, 5> member_commands{"as", "join", "leave", "admin", "unadmin"};

std::pair<std::string, std::string> split_first(std::string const& s) {
    auto sp = s.find(' ');
    if (sp == std::string::npos) return {s, ""};
    auto rest = s.substr(sp + 1);
    while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
    return {s.substr(0, sp), rest};
}

}  // namespace

std::vector<std::string> adapter::member_names() {
    std::vector<std::string> out;
    for (auto const& [name, r] : current().members) out.push_back(name);
    return out;
}

std::vector<phrase> adapter::sandbox_phrases() {
    std::vector<phrase> out;
    for (auto name : command_names) out.push_back({":" + std::string(name)});
    std::set<std::string> people(cfg_.members.begin(), cfg_.members.end());
    for (auto const& [name, g] : platform_.groups()) {
        out.push_back({":group", name});
        for (auto const& [member, r] : g.members) people.insert(member);
    }
    for (auto command : member_commands)
        for (auto const& p : people) out.push_back({":" + std::string(command), p});
    return out;
}

task<> adapter::command(std::string const& line) {
    auto [cmd, arg] = split_first(line.substr(1));
    auto& g = current();
    auto tz = core_.group_tz(group_ref{"console", platform_.self_id(), id(group_)});
    auto say_time = [&] {
        platform_.print(fmt::format("⏰ {}（{}）", tz.to_local(clock_.now()).str(), tz.name()));
    };

    if (cmd == "help" || cmd == "h" || cmd == "?") {
        platform_.print(help_text);
    } else if (cmd == "quit" || cmd == "exit" || cmd == "q") {
        stopping_ = true;
        asio::post(core_.io(), on_eof_);
    } else if (cmd == "as") {
        if (arg.empty()) {
            platform_.print("用法 / usage: :as NAME");
        } else {
            if (!g.members.count(arg))
                platform_.print(fmt::format("（{} 还不是群成员，发言前请 :join {} / {} is not a member yet）", arg, arg, arg));
            user_ = arg;
        }
    } else if (cmd == "join") {
        auto name = arg.empty() ? user_ : arg;
        if (g.members.count(name)) {
            platform_.print(fmt::format("（{} 已经在群里 / already a member）", name));
        } else {
            g.members[name] = role::member;
            platform_.print(fmt::format("[{}] * {} 加入了群 / joined", g.name, name));
            auto payload = ev::member_joined{id(g.name), id(name), {}, "approve", name};
            co_await deliver(std::move(payload));
        }
    } else if (cmd == "leave") {
        auto name = arg.empty() ? user_ : arg;
        if (!g.members.erase(name)) {
            platform_.print(fmt::format("（{} 不在群里 / not a member）", name));
        } else {
            platform_.print(fmt::format("[{}] * {} 退出了群 / left", g.name, name));
            auto payload = ev::member_left{id(g.name), id(name), id(name), false, false};
            co_await deliver(std::move(payload));
        }
    } else if (cmd == "admin" || cmd == "unadmin") {
        auto it = g.members.find(arg);
        if (it == g.members.end()) {
            platform_.print(fmt::format("（{} 不在群里 / not a member）", arg));
        } else {
            bool grant = cmd == "admin";
            it->second = grant ? role::admin : role::member;
            platform_.print(fmt::format("[{}] * {} {}管理员 / {}", g.name, arg, grant ? "成为" : "不再是",
                                        grant ? "is now an admin" : "is no longer an admin"));
            auto payload = ev::admin_changed{id(g.name), id(arg), grant};
            co_await deliver(std::move(payload));
        }
    } else if (cmd == "group") {
        if (arg.empty()) {
            platform_.print("用法 / usage: :group NAME");
        } else {
            auto& ng = platform_.groups()[arg];
            if (ng.name.empty()) {
                ng.name = arg;
                ng.members[user_] = role::owner;
                platform_.print(fmt::format("（新建群「{}」，{} 是群主 / new group, {} owns it）", arg, user_, user_));
            }
            group_ = arg;
        }
    } else if (cmd == "groups") {
        for (auto const& [name, state] : platform_.groups())
            platform_.print(fmt::format("{} {}（{} 人）", name == group_ ? "*" : " ", name, state.members.size()));
    } else if (cmd == "members") {
        for (auto const& [name, r] : g.members) platform_.print(fmt::format("  {} ({})", name, role_name(r)));
    } else if (cmd == "now") {
        say_time();
    } else if (cmd == "time") {
        auto now = clock_.now();
        std::optional<time_point> to;
        if (arg.starts_with("+")) {
            if (auto d = parse_duration(arg.substr(1))) to = now + *d;
        } else if (auto m = parse_time_of_day(arg)) {
            auto local = tz.to_local(now);
            auto t = tz.from_local(local.date, *m / 60, *m % 60);
            to = t > now ? t : tz.from_local(local.date.plus_days(1), *m / 60, *m % 60);
        } else {
            auto [d, hm] = split_first(arg);
            auto date = parse_date(d);
            auto minutes = hm.empty() ? std::optional<int>(0) : parse_time_of_day(hm);
            if (date && minutes) to = tz.from_local(*date, *minutes / 60, *minutes % 60);
        }
        if (!to) {
            platform_.print("用法 / usage: :time +1d | :time +2h30m | :time 21:00 | :time 2026-03-02 09:00");
        } else if (*to < now) {
            platform_.print("（时间不能倒流 / time only moves forward）");
        } else {
            co_await core_.advance_time(*to);
            say_time();
        }
    } else if (cmd == "dm") {
        auto mid = platform_.next_message_id();
        platform_.print(fmt::format("[私聊] #{} {}: {}", mid, user_, arg));
        auto payload = ev::private_message{id(mid), sender{id(user_), user_, {}, role::member}, parse_text(arg), {}};
        co_await deliver(std::move(payload));
    } else if (cmd == "image") {
        auto [url, text] = split_first(arg);
        auto m = parse_text(text);
        m.add(seg::image{url, {}, {}});
        auto payload = ev::group_message{id(platform_.next_message_id()), id(g.name), sender_for(user_), m, false};
        co_await emit(std::move(payload));
    } else if (cmd == "redpacket") {
        auto amount = arg.empty() ? std::nullopt : parse_money(arg);
        platform_.print(fmt::format("[{}] * {} 发了一个红包{} / sent a red packet", g.name, user_,
                                    amount ? " " + format_money(*amount) + " 元" : ""));
        auto payload = ev::red_packet{id(g.name), id(user_), amount, {}};
        co_await deliver(std::move(payload));
    } else if (cmd == "recall") {
        std::optional<std::int64_t> last;
        for (auto const& [mid, author] : g.messages)
            if (author == user_) last = mid;
        if (!last) {
            platform_.print("（没有可撤回的消息 / nothing to recall）");
        } else {
            g.messages.erase(*last);
            platform_.print(fmt::format("[{}] * {} 撤回了消息 #{} / recalled", g.name, user_, *last));
            auto payload = ev::message_recalled{id(g.name), id(*last), id(user_), id(user_)};
            co_await deliver(std::move(payload));
        }
    } else if (cmd == "reply") {
        auto [ref, text] = split_first(arg);
        if (ref.starts_with("#")) ref.erase(0, 1);
        auto quoted = id(ref).to_int();
        if (!quoted || !g.messages.count(*quoted)) {
            platform_.print("用法 / usage: :reply #ID TEXT（#ID 是群里一条消息的编号 / a message number shown in the group）");
        } else {
            co_await say(text, *quoted);
        }
    } else if (cmd == "request") {
        auto [name, text] = split_first(arg);
        auto flag = fmt::format("req-{}", platform_.next_message_id());
        platform_.print(fmt::format("[{}] * {} 申请入群：{} / asks to join", g.name, name, text));
        auto payload = ev::join_request{id(g.name), id(name), text, id(flag), false};
        co_await deliver(std::move(payload));
    } else if (cmd == "poke") {
        platform_.print(fmt::format("[{}] * {} 戳了戳 {}", g.name, user_, platform_.self_id().str()));
        auto payload = ev::poked{id(g.name), id(user_), platform_.self_id()};
        co_await deliver(std::move(payload));
    } else {
        platform_.print(fmt::format("（未知的沙盒命令 :{}，:help 查看全部 / unknown command, see :help）", cmd));
    }
}

}  // namespace adapters::console
