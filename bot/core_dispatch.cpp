// The event path after dedupe: waiters, middleware, commands and listeners.
#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/core.hpp"
#include "bot/waiter.hpp"

namespace bot {

enabled_fn core::enabled_check() {
    return [this](std::string const& plugin, session const& s) {
        if (!s.in_group() || plugin == "core") return true;
        return plugin_enabled(plugin, s.group()->key());
    };
}

task<> core::run_chain(session& s) {
    co_await router_.run(s, [this](session& inner) { return run_terminal(inner); }, enabled_check());
}

task<> core::run_terminal(session& s) {
    if (auto w = deliver_to_waiter(s.ev())) {
        // The awaited event is handled by the waiting chain: this event is done when it is.
        if (w->owner) co_await until_settled(w->owner);
        co_return;
    }
    // Plain chat was matched once already when a plugin asked (session::command_called).
    if (auto content = s.content(); content && s.command_called()) {
        if (auto m = commands_.match(*content, s.ev().self_id, cfg_.bot.command_prefixes)) {
            auto const& cmd = *m->cmd;
            auto group_ok = !s.in_group() || (plugin_enabled(cmd.plugin, s.group()->key()) &&
                                              command_enabled(cmd.name(), s.group()->key()));
            if (group_ok && cmd.where(s)) {
                s.handled_by_command = true;
                co_await run_command(s, *m);
            }
        }
    }
    if (!s.stopped()) co_await router_.notify(s, enabled_check());
}

task<> core::run_command(session& s, command_match const& m) {
    auto const& cmd = *m.cmd;
    auto group = s.group();
    if (!cmd.permit(s)) {
        spdlog::info("refused /{} for {} ({}): needs {}", cmd.name(), s.user_id().str(), role_name(s.role()),
                     cmd.permit.describe());
        text_args args{{"command", cmd.name()}, {"needs", cmd.permit.describe()}};
        auto text = texts_.render(group ? group->key() : std::string(), "core.no_permission", args);
        co_await s.reply(text);
        co_return;
    }
    if (m.error) {
        text_args args{{"problem", *m.error}, {"usage", cmd.usage(m.prefix)}};
        auto text = texts_.render(group ? group->key() : std::string(), "core.bad_arguments", args);
        co_await s.reply(text);
        co_return;
    }
    command_call call(s, m.cmd, m.values, m.attachments);
    co_await cmd.handler(call);
}

std::shared_ptr<core::waiter> core::deliver_to_waiter(event const& e) {
    for (auto it = waiters_.begin(); it != waiters_.end(); ++it) {
        auto w = *it;
        if (w->done || !w->pred(e)) continue;
        waiters_.erase(it);
        scheduler_.cancel_timer(w->deadline);
        w->finish(wait_result::got(e));
        return w;
    }
    return nullptr;
}

task<wait_result> core::wait_for(std::function<bool(event const&)> pred, std::chrono::seconds timeout) {
    return wait(nullptr, std::move(pred), timeout);
}

task<wait_result> core::wait(std::shared_ptr<chain> owner, std::function<bool(event const&)> pred,
                             std::chrono::seconds timeout) {
    // A flow that goes on after stop() (it was woken by it) must not wait for what will never come.
    if (stopping_) co_return wait_result::ended(wait_outcome::cancelled);
    auto w = std::make_shared<waiter>(io_.get_executor());
    w->pred = std::move(pred);
    w->owner = std::move(owner);
    w->deadline = scheduler_.at(clock_.now() + timeout, [this, weak = std::weak_ptr<waiter>(w)] {
        if (auto sw = weak.lock()) {
            std::erase(waiters_, sw);
            sw->finish(wait_result::ended(wait_outcome::timed_out));
        }
    });
    waiters_.push_back(w);
    if (w->owner) {
        // Parked: its dispatcher goes on to the chat's next event.
        w->owner->parked = true;
        w->owner->changed();
        note_progress();
    }
    co_await w->signal.async_wait(asio::as_tuple(asio::use_awaitable));
    co_return std::move(w->result);
}

task<> core::advance_time(time_point t) {
    auto* manual = dynamic_cast<manual_clock*>(&clock_);
    if (!manual) throw std::logic_error("time can only be moved on a manual clock");
    co_await scheduler_.advance(*manual, t);
}

}  // namespace bot
