#include "adapters/console/console.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <future>

#include "bot/scheduler.hpp"
#include "storage/database.hpp"

namespace adapters::console {

using namespace bot;

adapter::adapter(core& c, manual_clock& clk, settings cfg, std::FILE* in, std::FILE* out, std::function<void()> on_eof)
    : core_(c),
      clock_(clk),
      cfg_(std::move(cfg)),
      platform_(cfg_, clk, out),
      in_(in),
      out_(out),
      on_eof_(std::move(on_eof)) {
    group_ = cfg_.groups.empty() ? "读书会" : cfg_.groups.front();
    if (!platform_.find_group(group_)) platform_.groups()[group_].name = group_;
    user_ = cfg_.members.empty() ? "alice" : cfg_.members.front();
    platform_.on_kicked = [this](std::string const& g, std::string const& user) {
        // The platform reports the removal like a real one would; it is handled after the current event.
        core_.post(event{"console", platform_.self_id(), clock_.now(),
                         ev::member_left{id(g), id(user), platform_.self_id(), true, false}});
    };
}

adapter::~adapter() {
    stop();
    if (reader_.joinable()) reader_.join();
}

void adapter::start() {
    core_.attach(platform_);
    if (line_editor::wanted(in_, out_)) {
        start_editor();
        return;
    }
    interactive_ = isatty(fileno(in_)) != 0;
    if (interactive_) {
        greet();
        prompt();
    }
    // Lines are read on a thread and handled one at a time on the core thread, so a script's
    // transcript is the same on every run.
    reader_ = std::thread([this] {
        std::string buffer;
        char chunk[4096];
        int fd = fileno(in_);
        while (!stopping_) {
            pollfd p{fd, POLLIN, 0};
            int ready = ::poll(&p, 1, 200);
            if (ready < 0 && errno == EINTR) continue;
            if (ready <= 0) continue;
            auto n = ::read(fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            bool eof = n <= 0;
            if (!eof) buffer.append(chunk, static_cast<std::size_t>(n));
            std::size_t nl;
            while (!stopping_ && ((nl = buffer.find('\n')) != std::string::npos || (eof && !buffer.empty()))) {
                auto line = nl == std::string::npos ? buffer : buffer.substr(0, nl);
                buffer.erase(0, nl == std::string::npos ? buffer.size() : nl + 1);
                std::promise<void> done;
                asio::co_spawn(core_.io(), handle_line(line), [&](std::exception_ptr e) {
                    if (e) {
                        try {
                            std::rethrow_exception(e);
                        } catch (std::exception const& ex) {
                            spdlog::error("sandbox: {}", ex.what());
                        }
                    }
                    done.set_value();
                });
                done.get_future().wait();
            }
            if (eof) break;
        }
        if (!stopping_) asio::post(core_.io(), on_eof_);
    });
}

void adapter::greet() {
    platform_.print(fmt::format("qunbot 沙盒 / sandbox — 你是 {}，在群「{}」。输入消息与机器人对话，:help 查看沙盒命令。",
                                user_, group_));
    platform_.print(fmt::format("You are {} in group \"{}\". Type messages to talk to the bot; :help lists sandbox "
                                "commands. Try /help.",
                                user_, group_));
}

void adapter::start_editor() {
    auto next = [this] {
        return stopping_ ? std::nullopt
                         : std::optional<edit_context>(edit_context{fmt::format("{}@{}> ", user_, group_), phrases()});
    };
    line_editor::handlers h;
    // As with a script, one line is handled to the end before the next is read.
    h.line = [this, next](std::string line, line_editor::done_fn done) {
        asio::co_spawn(core_.io(), handle_line(std::move(line)), [next, done = std::move(done)](std::exception_ptr e) {
            if (e) {
                try {
                    std::rethrow_exception(e);
                } catch (std::exception const& ex) {
                    spdlog::error("sandbox: {}", ex.what());
                }
            }
            done(next());
        });
    };
    h.end = [this] { asio::post(core_.io(), on_eof_); };
    editor_ = std::make_unique<line_editor>(in_, out_, history_path(), std::move(h));
    greet();
    platform_.on_print = [this](std::string line) { editor_->print(std::move(line)); };
    editor_->start(*next());
}

std::filesystem::path adapter::history_path() const {
    auto const& db = core_.db().path();
    if (db.empty() || db == ":memory:") return {};
    return std::filesystem::path(db).parent_path() / "console_history";
}

std::vector<phrase> adapter::phrases() {
    auto out = sandbox_phrases();
    auto const& defaults = core_.config().bot.command_prefixes;
    for (auto const& c : core_.commands().all()) {
        if (c->hidden) continue;
        for (auto const& prefix : c->prefixes ? *c->prefixes : defaults) {
            if (prefix.empty()) continue;  // bare words are chat, not commands to complete
            for (auto const& name : c->names) {
                phrase words;
                std::size_t i = 0;
                while (i <= name.size()) {
                    auto end = std::min(name.find(' ', i), name.size());
                    if (end > i) words.push_back(name.substr(i, end - i));
                    i = end + 1;
                }
                if (words.empty()) continue;
                words.front() = prefix + words.front();
                out.push_back(std::move(words));
            }
        }
    }
    return out;
}

void adapter::stop() {
    if (editor_) editor_->stop();
    if (stopping_) return;
    stopping_ = true;
    core_.detach(platform_);
}

void adapter::prompt() {
    if (!interactive_) return;
    std::fputs(fmt::format("{}@{}> ", user_, group_).c_str(), out_);
    std::fflush(out_);
}

group_state& adapter::current() { return platform_.groups()[group_]; }

sender adapter::sender_for(std::string const& user) const {
    sender s{id(user), user, {}, role::member};
    if (auto g = const_cast<sandbox_platform&>(platform_).find_group(group_)) {
        if (auto it = g->members.find(user); it != g->members.end()) s.role = it->second;
        // A card the bot set is the name the group shows from then on.
        if (auto it = g->cards.find(user); it != g->cards.end()) s.card = it->second;
    }
    return s;
}

message adapter::parse_text(std::string const& text) const {
    // "@name" of a known member (or the bot) becomes a mention; everything else stays text.
    message m;
    auto const* g = const_cast<sandbox_platform&>(platform_).find_group(group_);
    std::size_t start = 0;
    std::size_t i = 0;
    while ((i = text.find('@', i)) != std::string::npos) {
        auto end = text.find_first_of(" \t", i);
        if (end == std::string::npos) end = text.size();
        auto name = text.substr(i + 1, end - i - 1);
        if (name == "all" || name == "全体成员") {
            m.text(text.substr(start, i - start));
            m.at_all();
            start = end;
        } else if ((g && g->members.count(name)) || name == platform_.self_id().str()) {
            m.text(text.substr(start, i - start));
            m.at(id(name), name);
            start = end;
        }
        i = end;
    }
    m.text(text.substr(start));
    return m;
}

task<> adapter::handle_line(std::string line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line.starts_with("#")) {
        prompt();
        co_return;
    }
    if (line.starts_with(":")) {
        co_await command(line);
    } else {
        co_await say(line);
    }
    co_await yield_to_others();
    prompt();
}

task<> adapter::deliver(event_payload payload) {
    // Built before co_await: GCC 12 destroys braced temporaries in a co_await expression twice.
    event e{"console", platform_.self_id(), clock_.now(), std::move(payload)};
    co_await core_.dispatch(std::move(e));
}

task<> adapter::emit(ev::group_message msg) {
    auto& g = current();
    auto mid = msg.message_id.as_int();
    g.messages[mid] = msg.from.user.str();
    // A member with a group card shows under it, as the group would show them.
    auto who = msg.from.card.empty() ? msg.from.user.str() : fmt::format("{}（{}）", msg.from.card, msg.from.user.str());
    platform_.print(fmt::format("[{}] #{} {}: {}", g.name, mid, who, platform_.render(msg.content)));
    co_await deliver(std::move(msg));
}

task<> adapter::say(std::string const& text, std::int64_t reply_to) {
    auto& g = current();
    if (!g.members.count(user_)) {
        platform_.print(fmt::format("（{} 不在群「{}」里，先用 :join {} 加入 / not a member: use :join {}）", user_, g.name,
                                    user_, user_));
        co_return;
    }
    if (auto it = g.muted.find(user_); it != g.muted.end()) {
        if (it->second > clock_.now()) {
            platform_.print(fmt::format("（{} 正在禁言中，消息没有发出 / {} is muted）", user_, user_));
            co_return;
        }
        g.muted.erase(it);
    }
    // A whole-group mute silences members; admins and the owner still speak, as on QQ.
    if (g.all_muted && (!g.members.count(user_) || g.members.at(user_) == role::member)) {
        platform_.print(fmt::format("（全员禁言中，{} 的消息没有发出 / the group is muted）", user_));
        co_return;
    }
    auto content = parse_text(text);
    if (reply_to != 0) content = message().reply_to(id(reply_to)).append(content);
    auto payload = ev::group_message{id(platform_.next_message_id()), id(g.name), sender_for(user_), std::move(content), false};
    co_await emit(std::move(payload));
}

}  // namespace adapters::console
