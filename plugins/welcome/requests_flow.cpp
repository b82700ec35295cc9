// Join requests: answered by keywords in the request text, or recorded for the admins, who answer
// them with /request accept|reject.
#include <spdlog/spdlog.h>

#include "bot/display.hpp"
#include "plugins/welcome/state.hpp"

namespace plugins::welcome {

using namespace bot;

namespace {

task<status> answer_request(state_ptr st, group_ref g, request_row r, bool approve, std::string reason) {
    auto a = st->ctx.api_for(g);
    if (!a) co_return error{errc::not_connected, "offline"};
    request_answer ans{id::decode(r.flag), true, approve, std::move(reason)};
    auto done = co_await a->answer_request(ans);
    if (done) st->repo.set_request_state(r.id, approve ? "approved" : "rejected");
    co_return done;
}

task<> on_request(state_ptr st, session& s, ev::join_request const& e) {
    if (!s.group()) co_return;  // a friend request: not this plugin's business
    auto g = *s.group();
    auto c = st->cfg(g);
    auto name = bot::shown_name(e.user.str());
    request_row r{0, g.key(), e.user.encode(), e.comment, e.flag.encode(), "open", st->now()};
    r.id = st->repo.add_request(r);
    auto decision = decide_request(c.requests, e.comment, c.request_approve, c.request_reject);
    if (decision == request_decision::ask_admins) {
        auto notice = st->text(g, "request_admins", {{"name", name}, {"group", st->group_label(g)},
                                                     {"comment", e.comment}, {"id", static_cast<long long>(r.id)}});
        co_await notify_admins(st, g, notice);
        co_return;
    }
    bool approve = decision == request_decision::approve;
    auto reason = approve ? std::string() : c.request_reject_reason;
    auto done = co_await answer_request(st, g, r, approve, reason);
    if (!done) {
        spdlog::warn("welcome: answering join request {} failed: {}", r.id, done.err().detail);
        auto notice = st->text(g, "request_admins", {{"name", name}, {"group", st->group_label(g)},
                                                     {"comment", e.comment}, {"id", static_cast<long long>(r.id)}});
        co_await notify_admins(st, g, notice);
        co_return;
    }
    auto notice = st->text(g, "request_auto", {{"name", name}, {"decision", st->text(g, approve ? "approved" : "rejected")},
                                               {"comment", e.comment}});
    co_await notify_admins(st, g, notice);
}

task<> list_requests(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    auto open = st->repo.open_requests(g.key());
    std::string out;
    if (open.empty()) {
        out = st->text(g, "requests_none");
    } else {
        std::string list;
        for (auto const& r : open)
            list += (list.empty() ? "" : "\n") + std::to_string(r.id) + ". " + bot::shown_name(id::decode(r.user).str()) +
                    "：「" + r.comment + "」";
        out = st->text(g, "requests_list", {{"list", list}});
    }
    co_await call.reply(out);
}

task<> decide(state_ptr st, command_call& call) {
    auto g = *call.s().group();
    auto action = fold(call.text("操作"));
    bool approve = action == "accept" || action == "同意" || action == "approve";
    bool reject = action == "reject" || action == "拒绝";
    if (!approve && !reject) {
        auto usage = st->text(g, "request_bad_action");
        co_await call.reply(usage);
        co_return;
    }
    auto number = call.integer("编号");
    auto r = st->repo.request(g.key(), number);
    if (!r || r->state != "open") {
        auto missing = st->text(g, "request_missing", {{"id", static_cast<long long>(number)}});
        co_await call.reply(missing);
        co_return;
    }
    auto reason = call.text("理由");
    if (reason.empty() && reject) reason = st->cfg(g).request_reject_reason;
    auto done = co_await answer_request(st, g, *r, approve, reason);
    std::string out;
    if (done)
        out = st->text(g, "request_done", {{"decision", st->text(g, approve ? "approved" : "rejected")},
                                           {"name", bot::shown_name(id::decode(r->user).str())}});
    else
        out = st->text(g, "request_failed", {{"error", done.err().detail.empty() ? std::string(errc_name(done.err().code))
                                                                                 : done.err().detail}});
    co_await call.reply(out);
}

}  // namespace

void register_requests(state_ptr st) {
    auto& ctx = st->ctx;
    ctx.on<ev::join_request>([st](session& s, ev::join_request const& e) { return on_request(st, s, e); });
    ctx.command({"requests", "入群申请"}, "查看待处理的入群申请")
        .where(rule::in_group)
        .permit(perm::admin)
        .handle([st](command_call& call) { return list_requests(st, call); });
    ctx.command({"request", "处理申请"}, "同意或拒绝一条入群申请")
        .arg("操作", arg_kind::word, "accept 或 reject")
        .arg("编号", arg_kind::integer, "/requests 里的编号")
        .optional_arg("理由", arg_kind::text, "拒绝的理由")
        .where(rule::in_group)
        .permit(perm::admin)
        .example("/request accept 3")
        .handle([st](command_call& call) { return decide(st, call); });
}

}  // namespace plugins::welcome
