#include <fmt/format.h>

#include "adapters/console/console.hpp"
#include "bot/overloaded.hpp"

namespace adapters::console {

using namespace bot;

void settings::describe(schema<settings>& s) {
    s.field("enabled", &settings::enabled, "run the console sandbox").global_only();
    s.field("groups", &settings::groups, "names of the simulated groups; the first is where you start").global_only();
    s.field("members", &settings::members, "members already in every group; the first is who you are").global_only();
    s.field("admins", &settings::admins, "members who are group admins").global_only();
    s.field("owner", &settings::owner, "the group owner (default: the first admin)").global_only();
    s.field("start_time", &settings::start_time, "the sandbox clock's start, \"2026-03-02 09:00\" local; empty: now")
        .global_only();
    s.field("bot_name", &settings::bot_name, "the bot's name in the transcript").global_only();
}

sandbox_platform::sandbox_platform(settings const& cfg, bot::clock& clk, std::FILE* out)
    : self_(cfg.bot_name), clock_(clk), out_(out) {
    caps_.red_packet_events = true;
    caps_.poke = true;
    caps_.needs_pacing = false;
    caps_.whole_mute = true;
    caps_.set_card = true;
    caps_.special_title = true;  // the sandbox does not check the bot's role: every basic can be tried
    caps_.essence = true;
    auto owner = cfg.owner.empty() && !cfg.admins.empty() ? cfg.admins.front() : cfg.owner;
    for (auto const& g : cfg.groups) {
        auto& state = groups_[g];
        state.name = g;
        for (auto const& m : cfg.members) state.members[m] = role::member;
        for (auto const& a : cfg.admins) state.members[a] = role::admin;
        if (!owner.empty()) state.members[owner] = role::owner;
    }
}

group_state* sandbox_platform::find_group(std::string const& name) {
    auto it = groups_.find(name);
    return it == groups_.end() ? nullptr : &it->second;
}

void sandbox_platform::print(std::string const& line) {
    if (on_transcript) on_transcript(line);
    if (on_print) {
        on_print(line);
        return;
    }
    std::fputs(line.c_str(), out_);
    std::fputc('\n', out_);
    std::fflush(out_);
}

std::string sandbox_platform::render(message const& msg) const {
    std::string out;
    for (auto const& segment : msg.segments()) {
        out += std::visit(overloaded{
                              [](seg::text const& t) { return t.content; },
                              [](seg::at const& a) { return "@" + (a.name.empty() ? a.user.str() : a.name); },
                              [](seg::at_all const&) { return std::string("@全体成员"); },
                              [](seg::reply const& r) { return fmt::format("「回复 #{}」", r.message.str()); },
                              [](seg::image const& i) { return fmt::format("[图片 {}]", i.url.empty() ? i.file : i.url); },
                              [](seg::face const& f) { return fmt::format("[表情 {}]", f.face_id); },
                              [](seg::card const& c) { return fmt::format("[卡片 {} {}]", c.title, c.url); },
                              [](seg::contact const& c) { return fmt::format("[名片 {}]", c.target.str()); },
                              [](seg::file const& f) { return fmt::format("[文件 {}]", f.name); },
                              [](seg::forward const&) { return std::string("[合并转发]"); },
                              [](seg::unknown const& u) { return fmt::format("[{}]", u.type); },
                          },
                          segment);
    }
    return out;
}

task<result<id>> sandbox_platform::send(target to, message msg) {
    auto mid = next_message_id();
    auto body = render(msg);
    if (to.is_group()) {
        auto g = find_group(to.group.str());
        if (!g) co_return error{errc::not_found, "no group " + to.group.str()};
        g->messages[mid] = self_.str();
        print(fmt::format("[{}] #{} 🤖 {}: {}", g->name, mid, self_.str(), body));
    } else {
        print(fmt::format("[私聊 → {}] #{} 🤖 {}: {}", to.user.str(), mid, self_.str(), body));
    }
    co_return id(mid);
}

task<status> sandbox_platform::recall(id message_id) {
    auto mid = message_id.to_int().value_or(0);
    for (auto& [name, g] : groups_) {
        if (auto it = g.messages.find(mid); it != g.messages.end()) {
            print(fmt::format("[{}] * {} 撤回了 {} 的消息 #{}", name, self_.str(), it->second, mid));
            g.messages.erase(it);
            co_return ok();
        }
    }
    co_return error{errc::not_found, "no message #" + message_id.str()};
}

task<status> sandbox_platform::mute(id group, id user, std::chrono::seconds duration) {
    auto g = find_group(group.str());
    if (!g || !g->members.count(user.str())) co_return error{errc::not_found, "no member " + user.str()};
    if (duration.count() == 0) {
        g->muted.erase(user.str());
        print(fmt::format("[{}] * {} 解除了 {} 的禁言", g->name, self_.str(), user.str()));
    } else {
        g->muted[user.str()] = clock_.now() + duration;
        print(fmt::format("[{}] * {} 禁言了 {} {}", g->name, self_.str(), user.str(), format_duration(duration)));
    }
    co_return ok();
}

task<status> sandbox_platform::kick(id group, id user, bool) {
    auto g = find_group(group.str());
    if (!g || !g->members.erase(user.str())) co_return error{errc::not_found, "no member " + user.str()};
    print(fmt::format("[{}] * {} 把 {} 移出了群", g->name, self_.str(), user.str()));
    if (on_kicked) on_kicked(g->name, user.str());
    co_return ok();
}

task<result<member_info>> sandbox_platform::member(id group, id user) {
    auto g = find_group(group.str());
    if (!g) co_return error{errc::not_found, "no group " + group.str()};
    auto it = g->members.find(user.str());
    if (it == g->members.end()) co_return error{errc::not_found, "no member " + user.str()};
    member_info m{user, user.str(), {}, it->second, {}, {}, {}};
    if (auto c = g->cards.find(user.str()); c != g->cards.end()) m.card = c->second;
    if (auto t = g->titles.find(user.str()); t != g->titles.end()) m.title = t->second;
    co_return m;
}

task<result<std::vector<member_info>>> sandbox_platform::members(id group) {
    auto g = find_group(group.str());
    if (!g) co_return error{errc::not_found, "no group " + group.str()};
    std::vector<member_info> out;
    for (auto const& [name, r] : g->members) {
        auto c = g->cards.find(name);
        out.push_back({id(name), name, c == g->cards.end() ? std::string() : c->second, r, {}, {}, {}});
    }
    co_return out;
}

task<status> sandbox_platform::answer_request(request_answer answer) {
    print(fmt::format("* {} {}了申请 {}{}", self_.str(), answer.approve ? "同意" : "拒绝", answer.flag.str(),
                      answer.reason.empty() ? "" : "（" + answer.reason + "）"));
    co_return ok();
}

task<status> sandbox_platform::mute_all(id group, bool on) {
    auto g = find_group(group.str());
    if (!g) co_return error{errc::not_found, "no group " + group.str()};
    g->all_muted = on;
    print(fmt::format("[{}] * {} {}", g->name, self_.str(), on ? "开启了全员禁言（管理员和群主不受影响）" : "关闭了全员禁言"));
    co_return ok();
}

task<status> sandbox_platform::set_card(id group, id user, std::string card) {
    auto g = find_group(group.str());
    if (!g || !g->members.count(user.str())) co_return error{errc::not_found, "no member " + user.str()};
    if (card.empty()) {
        g->cards.erase(user.str());
        print(fmt::format("[{}] * {} 清除了 {} 的群名片", g->name, self_.str(), user.str()));
    } else {
        g->cards[user.str()] = card;
        print(fmt::format("[{}] * {} 把 {} 的群名片改为「{}」", g->name, self_.str(), user.str(), card));
    }
    co_return ok();
}

task<status> sandbox_platform::set_title(id group, id user, std::string title) {
    auto g = find_group(group.str());
    if (!g || !g->members.count(user.str())) co_return error{errc::not_found, "no member " + user.str()};
    if (title.empty()) {
        g->titles.erase(user.str());
        print(fmt::format("[{}] * {} 清除了 {} 的专属头衔", g->name, self_.str(), user.str()));
    } else {
        g->titles[user.str()] = title;
        print(fmt::format("[{}] * {} 给 {} 设置了专属头衔「{}」", g->name, self_.str(), user.str(), title));
    }
    co_return ok();
}

task<status> sandbox_platform::set_essence(id message_id) {
    auto mid = message_id.to_int().value_or(0);
    for (auto& [name, g] : groups_) {
        if (auto it = g.messages.find(mid); it != g.messages.end()) {
            g.essence.insert(mid);
            print(fmt::format("[{}] * {} 把 {} 的消息 #{} 设为精华", name, self_.str(), it->second, mid));
            co_return ok();
        }
    }
    co_return error{errc::not_found, "no message #" + message_id.str()};
}

}  // namespace adapters::console
