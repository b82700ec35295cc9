#include "bot/core.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/builtin.hpp"
#include "bot/plugin_context.hpp"
#include "bot/waiter.hpp"
#include "storage/database.hpp"

namespace bot {

core::core(asio::io_context& io, config_file& file, core_config cfg, bot::clock& clk, storage::database& db)
    : io_(io),
      file_(file),
      cfg_(std::move(cfg)),
      clock_(clk),
      db_(db),
      ledger_(db),
      settings_(db),
      mutes_(db),
      roles_(db),
      jobs_(db),
      groups_(db),
      scheduler_(io.get_executor(), clk, jobs_, [this](std::string const& key) { return find_group(key); }),
      dedupe_(cfg_.dedupe.window, static_cast<std::size_t>(cfg_.dedupe.max_entries)),
      sightings_(cfg_.dedupe.window, static_cast<std::size_t>(cfg_.dedupe.max_entries)),
      flow_(io.get_executor(), cfg_.limits),
      batch_(io.get_executor(), db, std::chrono::milliseconds(cfg_.storage.batch_ms)),
      commits_(io.get_executor(), db),
      presence_(db),
      progress_(io, asio::steady_timer::time_point::max()) {
    // The bot-wide zone must exist: a typo here would silently shift every group's day.
    time_zone::must_load(cfg_.bot.timezone);
    declare_metrics();
    add_migrations("presence", bot::presence::schema());
    presence_.batch_through([this] { batch_.changed(); }, [this] { batch_.flush(); });
    presence_.on_first_words([this](first_words& n) { notify(typeid(first_words), &n); });
    // Its own owner name: "core" is the built-in plugin context, whose going forgets its writers.
    batch_.add({"presence", [this] { presence_.write(); }, [this] { presence_.written(); }});
    texts_.set_group_lookup([this](std::string const& group, std::string const& key) {
        return settings_.get(group, "text:" + key);
    });
    // A group's settings decide which of its per-group jobs run, and when.
    settings_.on_change([this](std::string const& group) {
        if (!started_) return;
        if (auto g = find_group(group)) refresh_group_jobs(*g);
    });
    scheduler_.set_runner([this](job_run const& run, std::function<task<>()> work) { release_job(run, std::move(work)); },
                          [this] { return settle(); });
}

core::~core() {
    // Plugins unregister from the router and command table, which they outlive only here.
    plugins_.clear();
}

void core::load_plugins(std::vector<plugin_entry> const& plugins) {
    static config_node::table const no_texts;
    auto builtin = std::make_unique<plugin_context>(*this, "core");
    register_builtin(*builtin);
    plugins_.push_back(std::move(builtin));
    for (auto const& p : plugins) {
        auto enabled = true;
        if (auto node = file_.section("plugins." + p.name)) {
            if (auto e = node->find("enabled")) {
                if (std::holds_alternative<bool>(e->value))
                    enabled = std::get<bool>(e->value);
                else  // still loaded, so that the rest of its table is checked too
                    file_.report(config_error(e->pos, "plugins." + p.name + ".enabled",
                                              "expected true or false, got " + describe_config_value(*e)));
            }
        }
        if (!enabled) {
            spdlog::info("plugin '{}' is disabled in {}", p.name, file_.name());
            continue;
        }
        auto ctx = std::make_unique<plugin_context>(*this, p.name);
        p.register_fn(*ctx);
        // A plugin without a config struct takes only `enabled` and `texts`; anything else is a typo.
        if (auto node = file_.section("plugins." + p.name); node && node->is_table() && !ctx->read_config()) {
            for (auto const& [key, value] : node->as_table())
                if (key != "enabled" && key != "texts")
                    file_.report(config_error(value.pos, "plugins." + p.name + "." + key,
                                              "unknown key; plugin '" + p.name +
                                                  "' has no settings besides enabled and texts"));
        }
        // [plugins.NAME.texts] overrides this plugin's templates bot-wide.
        if (auto t = file_.section("plugins." + p.name + ".texts")) {
            if (!t->is_table()) file_.report(config_error(t->pos, "plugins." + p.name + ".texts", "expected a table of texts"));
            for (auto const& [key, value] : t->is_table() ? t->as_table() : no_texts) {
                auto full = p.name + "." + key;
                auto where = "plugins." + p.name + ".texts." + key;
                auto const* s = std::get_if<std::string>(&value.value);
                if (!s) {
                    file_.report(config_error(value.pos, where, "expected a string"));
                } else if (!texts_.has(full)) {
                    file_.report(config_error(value.pos, where, "unknown text key for plugin '" + p.name + "'"));
                } else if (auto problem = texts_.validate(full, *s)) {
                    file_.report(config_error(value.pos, where, "expected " + *problem));
                } else {
                    texts_.set_global(full, *s);
                }
            }
        }
        plugin_names_.push_back(p.name);
        plugins_.push_back(std::move(ctx));
    }
    check_services(plugins);
    for (auto const& [name, _] : cfg_.commands) {
        if (declared_commands_.count(name)) continue;
        auto node = file_.section("commands." + name);
        std::string known;
        for (auto const& c : declared_commands_) known += (known.empty() ? "" : ", ") + c;
        file_.report(config_error(node ? node->pos : source_pos{file_.name()}, "commands." + name,
                                  "no command has this name; expected one of: " + known));
    }
}

void core::add_migrations(std::string const& owner, std::vector<storage::migration> steps) {
    migrations_.emplace_back(owner, std::move(steps));
    if (started_) db_.migrate(owner, migrations_.back().second);
}

void core::start() {
    // Every owner's steps in one transaction: a fresh database gets its tables with one commit,
    // not one per step (a fifth of a start with every plugin on). A step that fails rolls all of
    // them back, and the start fails naming it either way.
    if (!migrations_.empty())
        db_.immediate([&] {
            for (auto const& [owner, steps] : migrations_) db_.migrate(owner, steps);
        });
    db_.checkpoint_in_background(static_cast<int>(cfg_.storage.checkpoint_pages));
    scheduler_.load();
    db_.immediate([&] {
        for (auto const& g : known_groups()) refresh_group_jobs(g);
    });
    started_ = true;
    if (!clock_.is_manual()) asio::co_spawn(io_, scheduler_.run_forever(), asio::detached);
}

task<> core::run_shutdown_hooks() {
    for (auto const& hook : shutdown_hooks_) {
        try {
            co_await hook.fn();
        } catch (std::exception const& e) {
            spdlog::error("a shutdown hook failed: {}", e.what());
        }
    }
}

void core::stop() {
    stopping_ = true;
    scheduler_.stop();
    auto waiting = std::move(waiters_);
    waiters_.clear();
    for (auto& w : waiting) w->finish(wait_result::ended(wait_outcome::cancelled));
    commits_.flush();
    batch_.flush();
    db_.checkpoint();
}

void core::post(event e) {
    // One queue per account and chat, not per chat: a hung account, whose replies each wait out the
    // adapter's call_timeout, holds up only its own queue. The same message through another account is
    // handled from that account's queue, and the copy left behind is then a duplicate.
    auto g = e.group();
    auto chat = g ? g->key() : e.platform + ":private:" + e.user().str();
    auto key = account_key(e.platform, e.self_id) + "|" + chat;
    enqueue(key, std::move(e));
}

void core::release_job(job_run const& run, std::function<task<>()> work) {
    // A group's job goes into the queue of the group's account on record, behind the events that
    // came before it; a job without a group has a queue of its own, so its runs keep their order.
    auto key = run.group ? account_key(run.group->platform, run.group->self_id) + "|" + run.group->key()
                         : "job:" + run.key;
    enqueue(key, queued_job{run.key, std::move(work)});
}

void core::enqueue(std::string const& key, std::variant<event, queued_job> item) {
    auto& q = queues_[key];
    bool const is_event = std::holds_alternative<event>(item);
    q.pending.push_back(std::move(item));
    if (is_event) flow_.queued(++q.events);
    if (!q.running) {
        q.running = true;
        // Started from the loop, not inline: the scheduler releases jobs from inside its due loop.
        asio::post(io_, [this, key] { asio::co_spawn(io_, drain(key), asio::detached); });
    }
}

task<> core::drain(std::string key) {
    while (true) {
        auto& q = queues_[key];
        if (q.pending.empty()) {
            q.running = false;
            queues_.erase(key);
            note_progress();
            co_return;
        }
        auto item = std::move(q.pending.front());
        q.pending.pop_front();
        if (auto* e = std::get_if<event>(&item)) {
            flow_.dequeued(--q.events);
            co_await dispatch(std::move(*e));
        } else {
            co_await run_job(std::move(std::get<queued_job>(item)));
        }
    }
}

task<> core::run_job(queued_job job) {
    ++jobs_running_;
    try {
        co_await job.work();
    } catch (std::exception const& e) {
        spdlog::error("job '{}' failed: {}", job.key, e.what());
    } catch (...) {
        spdlog::error("job '{}' failed with an unknown exception", job.key);
    }
    --jobs_running_;
    note_progress();
}

bool core::settled() const {
    if (jobs_running_ > 0) return false;
    for (auto const& entry : queues_)
        if (!entry.second.pending.empty()) return false;
    for (auto const& c : chains_)
        if (!c->settled()) return false;
    return true;
}

task<> core::settle() {
    // Everything that wakes this runs on this thread, so nothing can change between the check and the wait.
    while (!settled()) co_await progress_.async_wait(asio::as_tuple(asio::use_awaitable));
}

task<> core::dispatch(event e) {
    ++stats_.received;
    auto now = std::chrono::steady_clock::now();
    metrics::labels by_account{{"platform", e.platform}, {"account", e.self_id.str()}};
    metrics_.add("qunbot_events_received_total", by_account);
    // Every copy, duplicates included, tells which accounts are in the group.
    learn_membership(e);
    if (!dedupe_.first_time(e.dedupe_key(), now)) {
        ++stats_.duplicates;
        metrics_.add("qunbot_events_duplicate_total", by_account);
        spdlog::debug("dropped duplicate {} ({})", e.kind(), e.dedupe_key());
        co_return;
    }
    // The bot's own messages never come back as user input, whichever of its accounts sees them.
    if (from_own_account(e)) {
        ++stats_.own_messages;
        metrics_.add("qunbot_events_own_total", by_account);
        co_return;
    }
    route r;
    r.seen_by = account(e.platform, e.self_id);
    // QQ gives each account its own message IDs, so the copies of one message seen through several
    // accounts of a group are recognised by what they say, who said it and when. With one account
    // on the platform there are no copies to recognise, and nothing is remembered per message.
    auto accounts_here = std::count_if(accounts_.begin(), accounts_.end(),
                                       [&](auto const& a) { return a.second && a.second->platform_name() == e.platform; });
    if (auto const* m = e.as<ev::group_message>(); m && accounts_here > 1) {
        auto [serial, first] = sightings_.record(account_key(e.platform, e.self_id), m->message_id,
                                                 message_print::of(e, *m), now);
        if (!first) {
            ++stats_.duplicates;
            metrics_.add("qunbot_events_duplicate_total", by_account);
            spdlog::debug("dropped group_message {} seen through {} as well", m->message_id.str(), e.self_id.str());
            co_return;
        }
        r.sighting = serial;
    }
    remember_group(e);
    forget_lifted_mute(e);
    forget_roles_of_leaver(e);
    auto g = e.group();
    r.replier = g ? speaker(e.platform, g->group, r.seen_by) : r.seen_by;
    // The chain runs as its own coroutine: when a handler waits for a later event, this returns,
    // so that event (often the same group's next message) can be dispatched.
    auto c = std::make_shared<chain>(io_);
    chains_.push_back(c);
    asio::post(io_, [this, c, e = std::move(e), r = std::move(r)]() mutable {
        asio::co_spawn(io_, handle(c, std::move(e), std::move(r)), asio::detached);
    });
    co_await until_settled(c);
}

task<> core::handle(std::shared_ptr<chain> c, event e, route r) {
    session s(*this, std::move(e), r.seen_by, r.replier, r.sighting);
    // The session refers to the accounts weakly: an account that goes while the chain waits is gone
    // for its handlers too (session::api() is then nullptr), not kept half-alive by this frame.
    r = {};
    s.chain_ = c;
    note_presence(s);
    auto began = std::chrono::steady_clock::now();
    try {
        co_await run_chain(s);
        ++stats_.handled;
    } catch (std::exception const& ex) {
        ++stats_.errors;
        metrics_.add("qunbot_events_failed_total");
        spdlog::error("handling {} failed: {}", s.ev().kind(), ex.what());
    } catch (...) {
        ++stats_.errors;
        metrics_.add("qunbot_events_failed_total");
        spdlog::error("handling {} failed with an unknown exception", s.ev().kind());
    }
    metrics_.observe("qunbot_event_handling_seconds", {{"kind", std::string(s.ev().kind())}},
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count());
    c->done = true;
    std::erase(chains_, c);
    c->changed();
    note_progress();
}

task<> core::until_settled(std::shared_ptr<chain> c) {
    while (!c->settled()) co_await c->signal.async_wait(asio::as_tuple(asio::use_awaitable));
}

}  // namespace bot
