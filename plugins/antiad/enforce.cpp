// Acting on a finding: the glue that gathers what plan_enforcement needs, and the executor that
// carries a plan out through the platform and announces only what succeeded.
#include <spdlog/spdlog.h>

#include <utility>

#include "bot/core.hpp"
#include "bot/display.hpp"
#include "plugins/antiad/explain.hpp"
#include "plugins/antiad/moderation.hpp"

namespace plugins::antiad {

namespace {

using act = enforcement_step::act;

std::int64_t seconds_now(bot::session const& s) {
    return s.now().time_since_epoch().count();
}

/// The name an action has in the log and the report: "recall", "mute 10m", "kick", "warn".
std::string logged_name(enforcement_step const& st) {
    if (st.what == act::mute) return "mute " + bot::format_duration(st.duration);
    return std::string(act_name(st.what));
}

/// The template naming an action for admins: "撤回", "禁言", "踢人".
std::string word_key(act a) {
    return "word_" + std::string(act_name(a));
}

/// The rule as /metrics labels it: an admin's own rule by its family ("admin" for "admin#3"), so the
/// series stay few however many rules admins write.
std::string metric_rule(std::string const& rule) {
    return rule.starts_with("admin#") ? std::string("admin") : rule;
}

std::string join_list(std::vector<std::string> const& parts, std::string const& sep) {
    std::string out;
    for (auto const& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

}  // namespace

bot::task<> moderation::enforce(bot::session& s, finding const& f) {
    offender who{s.user_id(), s.user_name(), s.message_id()};
    co_await enforce_on(s, f, who);
}

bot::task<std::int64_t> moderation::enforce_on(bot::session& s, finding const& f, offender const& target) {
    auto const g = *s.group();
    auto& gs = group(g);
    // Copies: an admin may change the settings while the plan's calls are under way.
    auto const acting = gs.acting;
    auto const window = gs.cfg.strike_window;
    auto user = target.user;
    spdlog::info("antiad: {} in {}: rule {} fired on \"{}\" (original \"{}\", normalised \"{}\")", user.str(), g.key(),
                 f.what.rule, f.what.matched, f.original, f.normalized);

    auto api = s.api();
    if (acting.mode == run_mode::on && !api) co_return 0;
    standing who;
    who.protected_member = user == s.user_id() && protected_sender(s);
    if (acting.mode == run_mode::on)
        who.prior_strikes =
            static_cast<std::int64_t>(repo_.strikes(g.key(), user, seconds_now(s) - window.count()).size());
    abilities can{false, false, false};
    if (api) can = abilities{api->caps().recall, api->caps().mute, api->caps().kick};
    auto plan = plan_enforcement(acting, verdict{f.what.rule}, who, can);
    if (plan.empty()) co_return 0;
    // One incident per message acted on: its audit rows, strike and mute hang on it, and a reply to
    // the member's message or to what the bot sent about it finds it again.
    finding acted = f;
    // Durable before anything is done to the member (committed with the loop turn's other writes).
    co_await ctx_.commit([&] {
        acted.incident = repo_.open_incident(incident{0, g.key(), user, target.name, f.what.rule, f.what.matched,
                                                      f.original, f.normalized, 0, 0, false, false, seconds_now(s)});
        repo_.link_message(acted.incident, target.message.encode());
    });
    co_await carry_out(s, plan, acted, target);
    co_return acted.incident;
}

bot::task<moderation::shown_step> moderation::show(bot::session& s, enforcement_step const& st, offender const& who,
                                                   std::string const& text) {
    switch (st.to) {
        case audience::member: {
            auto msg = bot::message().at(who.user, who.name).text(" " + text);
            auto sent = co_await s.send(msg);
            if (!sent) co_return shown_step{{}, sent.err().detail};
            co_return shown_step{{*sent}, {}};
        }
        case audience::admins:
        case audience::admins_or_group: {
            // Named: GCC 12 mishandles temporaries inside a co_await expression.
            auto ids = co_await notify_admins(s, text, st.to == audience::admins_or_group);
            co_return shown_step{std::move(ids), {}};
        }
        case audience::none:
            break;
    }
    co_return shown_step{};
}

bot::task<> moderation::carry_out(bot::session& s, enforcement_plan const& p, finding const& f) {
    offender who{s.user_id(), s.user_name(), s.message_id()};
    co_await carry_out(s, p, f, who);
}

bot::task<> moderation::carry_out(bot::session& s, enforcement_plan const& p, finding const& f, offender const& who) {
    auto const g = *s.group();
    auto const user = who.user;
    auto const name = bot::shown_name(who.name);
    auto const why = reason(g, f.what.rule);
    // Member-written: masked, without control or direction marks, and short.
    auto const matched = shown_text(f.what.matched, 40);
    auto const original = shown_text(f.original, 120);
    auto api = s.api();
    std::vector<std::string> done;    // as the log names them, for the report
    std::vector<std::string> failed;  // words for admins
    std::vector<std::string> errors;  // the platform's reasons, in the same order
    std::optional<incident> inc;
    if (f.incident != 0) inc = repo_.find_incident(f.incident);
    auto link = [&](std::vector<bot::id> const& ids) {
        if (!inc) return;
        for (auto const& id : ids) repo_.link_message(inc->id, id.encode());
    };
    // Moderation actions by rule for /metrics: each step that acted on the message or its sender.
    auto const rule_label = metric_rule(f.what.rule);
    auto counted = [&](enforcement_step const& st, std::string_view outcome) {
        auto action = std::string(act_name(st.what)) + std::string(outcome);
        ctx_.metrics().add(actions_metric, {{"rule", rule_label}, {"action", action}});
    };

    for (auto const& st : p.steps) {
        switch (st.what) {
            case act::recall:
            case act::mute:
            case act::kick: {
                bot::status r = bot::error{bot::errc::not_connected, "no connection"};
                if (api && st.what == act::recall) {
                    auto mid = who.message;
                    r = co_await api->recall(mid);
                    if (r && f.earlier_message) {
                        // The first half of a split contact goes too.
                        auto earlier = *f.earlier_message;
                        auto r2 = co_await api->recall(earlier);
                        if (!r2) audit(s, user, "bot", "recall failed", f, r2.err().detail);
                    }
                } else if (api && st.what == act::mute) {
                    auto gid = g.group;
                    r = co_await api->mute(gid, user, st.duration, "反广告自动禁言");
                } else if (api) {
                    auto gid = g.group;
                    r = co_await api->kick(gid, user, false);
                }
                auto action = logged_name(st);
                if (!r && r.err().code == bot::errc::timeout) {
                    // No answer in time (or none awaited, the bot being overloaded): the platform
                    // may well have done it, so no one is told it failed; the audit row says what
                    // is known, and the next steps go on as after a failure.
                    counted(st, "_unanswered");
                    // Possibly done, so the incident says so: an admin's /误判 then lifts the mute
                    // (lifting one that never came is harmless) instead of leaving the member muted.
                    if (inc && st.what == act::mute) inc->muted = st.duration.count();
                    if (inc && st.what == act::kick) inc->kicked = true;
                    co_await ctx_.commit([&] {
                        audit(s, user, "bot", action + " unanswered", f, r.err().detail);
                        if (inc) repo_.update_incident(*inc);
                    });
                    break;
                }
                counted(st, r ? "" : "_failed");
                if (!r) {
                    audit(s, user, "bot", action + " failed", f, r.err().detail);
                    failed.push_back(ctx_.render(g, word_key(st.what)));
                    errors.push_back(r.err().detail);
                    break;
                }
                done.push_back(action);
                if (inc && st.what == act::mute) inc->muted = st.duration.count();
                if (inc && st.what == act::kick) inc->kicked = true;
                // The audit row and the incident it changes, in one transaction.
                co_await ctx_.commit([&] {
                    audit(s, user, "bot", action, f);
                    if (inc) repo_.update_incident(*inc);
                });
                if (st.text.empty()) break;
                bot::text_args args{{"name", name}, {"reason", why}, {"matched", matched}, {"strikes", p.strikes}};
                if (st.what == act::mute) args.emplace_back("duration", zh_duration(st.duration));
                auto out = co_await show(s, st, who, ctx_.render(g, st.text, args));
                link(out.ids);
                break;
            }
            case act::strike: {
                co_await ctx_.commit([&] {
                    auto id = repo_.add_strike(g.key(), user, strike{0, f.what.rule, why, "bot", seconds_now(s)});
                    if (inc) {
                        inc->strike = id;
                        repo_.update_incident(*inc);
                    }
                });
                counted(st, "");
                break;
            }
            case act::warn: {
                bot::text_args args{{"name", name}, {"reason", why}, {"matched", matched}, {"strikes", p.strikes}};
                if (st.next) args.emplace_back("next", describe(*st.next, g));
                auto sent = co_await show(s, st, who, ctx_.render(g, st.text, args));
                counted(st, sent.error.empty() ? "" : "_failed");
                if (sent.error.empty()) {
                    co_await ctx_.commit([&] {
                        link(sent.ids);
                        audit(s, user, "bot", "warn", f, p.strikes > 0 ? "strike " + std::to_string(p.strikes) : "");
                    });
                    done.push_back("warn");
                } else {
                    audit(s, user, "bot", "warn failed", f, sent.error);
                }
                break;
            }
            case act::tell_cannot: {
                std::vector<std::string> words;
                for (auto a : st.lacking) words.push_back(ctx_.render(g, word_key(a)));
                auto list = join_list(words, "、");
                bot::text_args args{{"name", name}, {"user", user.str()}, {"actions", list}, {"reason", why}};
                audit(s, user, "bot", "degraded", f, list);
                counted(st, "");
                auto out = co_await show(s, st, who, ctx_.render(g, st.text, args));
                link(out.ids);
                break;
            }
            case act::tell_failures: {
                if (failed.empty()) break;
                bot::text_args args{{"name", name},
                                    {"user", user.str()},
                                    {"actions", join_list(failed, "、")},
                                    {"detail", join_list(errors, "；")},
                                    {"reason", why}};
                auto out = co_await show(s, st, who, ctx_.render(g, st.text, args));
                link(out.ids);
                break;
            }
            case act::report: {
                auto list = join_list(done, ", ");
                bot::text_args args{{"group", g.group.str()},
                                    {"name", name},
                                    {"user", user.str()},
                                    {"rule", f.what.rule},
                                    {"reason", why},
                                    {"text", matched},
                                    {"matched", matched},
                                    {"original", original},
                                    {"actions", list.empty() ? std::string("-") : list}};
                // A report that cannot be sent changes nothing already done; the log says it went nowhere.
                auto out = co_await show(s, st, who, ctx_.render(g, st.text, args));
                link(out.ids);
                counted(st, out.ids.empty() ? "_failed" : "");
                if (out.ids.empty())
                    audit(s, user, "bot", "report failed", f, "no admin could be reached");
                else
                    audit(s, user, "bot", "report", f);
                break;
            }
            case act::dry_run: {
                auto would = st.would.str();
                bot::text_args args{{"name", name},         {"user", user.str()}, {"rule", f.what.rule},
                                    {"reason", why},        {"text", matched},    {"matched", matched},
                                    {"original", original}, {"actions", would}};
                audit(s, user, "bot", "dry-run", f, would);
                counted(st, "");
                auto out = co_await show(s, st, who, ctx_.render(g, st.text, args));
                link(out.ids);
                break;
            }
        }
    }
}

}  // namespace plugins::antiad
