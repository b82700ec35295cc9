#include "bot/outbox.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/display.hpp"
#include "bot/log_every.hpp"

namespace bot {

namespace {

/// Length of the UTF-8 sequence that starts with byte `c`.
std::size_t utf8_len(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c >> 5) == 0x6) return 2;
    if ((c >> 4) == 0xe) return 3;
    if ((c >> 3) == 0x1e) return 4;
    return 1;
}

std::size_t count_chars(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); i += utf8_len(static_cast<unsigned char>(s[i]))) ++n;
    return n;
}

/// Fills parts line by line; a part ends when the next line would pass either limit.
struct splitter {
    std::size_t max_chars;
    std::size_t max_lines;
    std::vector<message> parts{message{}};
    std::size_t chars = 0;  ///< characters in the current part
    std::size_t lines = 0;  ///< lines started in the current part

    void next_part() {
        if (!parts.back().empty()) parts.emplace_back();
        chars = 0;
        lines = 0;
    }

    /// Adds one line (without its newline); `newline` says whether a line break precedes it.
    void add_line(std::string_view line, bool newline) {
        if (parts.back().empty()) {
            // A part never starts with a line break or a blank line: it would be sent blank.
            newline = false;
            if (line.empty()) return;
        }
        auto len = count_chars(line) + (newline ? 1 : 0);
        if (lines > 0 && (chars + len > max_chars || (newline && lines + 1 > max_lines))) {
            next_part();
            newline = false;
            if (line.empty()) return;
        }
        if (newline) {
            parts.back().text("\n");
            ++chars;
        }
        if (newline || lines == 0) ++lines;
        // A single line longer than a part is cut at character boundaries.
        while (chars + count_chars(line) > max_chars) {
            std::size_t take = 0;
            std::size_t room = max_chars - chars;
            for (std::size_t n = 0; n < room && take < line.size(); ++n)
                take += utf8_len(static_cast<unsigned char>(line[take]));
            take = std::min(take, line.size());
            parts.back().text(line.substr(0, take));
            line.remove_prefix(take);
            next_part();
            lines = 1;
        }
        parts.back().text(line);
        chars += count_chars(line);
    }

    void add_text(std::string_view text) {
        bool first = true;
        while (true) {
            auto nl = text.find('\n');
            add_line(text.substr(0, nl), !first);
            first = false;
            if (nl == std::string_view::npos) break;
            text.remove_prefix(nl + 1);
        }
    }
};

}  // namespace

std::vector<message> split_message(message const& msg, std::size_t max_chars, std::size_t max_lines) {
    // The common case, a short message, is returned as it is without counting characters.
    std::size_t bytes = 0;
    std::size_t breaks = 0;
    for (auto const& part : msg.segments()) {
        if (auto t = std::get_if<seg::text>(&part)) {
            bytes += t->content.size();
            breaks += static_cast<std::size_t>(std::count(t->content.begin(), t->content.end(), '\n'));
        }
    }
    if (bytes <= max_chars && breaks < max_lines) return {msg};
    splitter s{std::max<std::size_t>(max_chars, 1), std::max<std::size_t>(max_lines, 1)};
    for (auto const& part : msg.segments()) {
        if (auto t = std::get_if<seg::text>(&part)) {
            s.add_text(t->content);
        } else if (std::holds_alternative<seg::reply>(part)) {
            // A quote belongs in front of the first part only.
            s.parts.front().segments().insert(s.parts.front().segments().begin(), part);
        } else {
            s.parts.back().add(part);
        }
    }
    // Only blank text was dropped; an all-blank message leaves nothing to send.
    std::erase_if(s.parts, [](message const& m) { return m.empty(); });
    return s.parts;
}

pacer::clock::time_point pacer::earliest(clock::time_point t) const {
    auto allowed = tat_ - interval_ * (burst_ - 1);
    // Never before the last booked slot: with jitter, a later booking could otherwise wake first.
    return std::max({t, allowed, last_});
}

void pacer::book(clock::time_point at) {
    tat_ = std::max(tat_, at) + interval_;
    last_ = std::max(last_, at);
}

outbox::outbox(platform& p, outbox_settings const& cfg)
    : platform_(&p),
      cfg_(cfg),
      global_(std::chrono::milliseconds(cfg.global_interval_ms), static_cast<int>(cfg.global_burst)) {}

pacer::clock::time_point outbox::reserve_slot(std::string const& key, pacer::clock::time_point now) {
    auto [it, _] = groups_.try_emplace(key, std::chrono::milliseconds(cfg_.group_interval_ms),
                                       static_cast<int>(cfg_.group_burst));
    auto at = std::max(global_.earliest(now), it->second.earliest(now));
    if (at > now && cfg_.jitter_ms > 0) {
        std::uniform_int_distribution<std::int64_t> jitter(0, cfg_.jitter_ms);
        at += std::chrono::milliseconds(jitter(rng_));
    }
    // Book before waiting, so a later caller is scheduled after this one.
    global_.book(at);
    it->second.book(at);
    return at;
}

bool outbox::stalled(pacer::clock::time_point now) const {
    return !pending_.empty() && *pending_.begin() + std::chrono::milliseconds(cfg_.stall_after_ms) <= now;
}

task<> outbox::wait_until(pacer::clock::time_point at) {
    if (at <= pacer::clock::now()) co_return;
    asio::steady_timer timer(co_await asio::this_coro::executor, at);
    co_await timer.async_wait(asio::use_awaitable);
}

task<result<id>> outbox::send(target to, message msg) {
    // Whatever a plugin put in, nothing unprintable goes out: member-written text in a template
    // argument cannot carry controls or reordering marks to other members' screens.
    for (auto& part : msg.segments()) {
        if (auto t = std::get_if<seg::text>(&part)) t->content = printable(t->content);
        else if (auto a = std::get_if<seg::at>(&part)) a->name = shown_name(a->name);
    }
    // Splitting always applies (platforms refuse long texts); pacing can be switched off.
    auto parts = split_message(msg, static_cast<std::size_t>(cfg_.max_chars), static_cast<std::size_t>(cfg_.max_lines));
    // Every part's slot is booked before the first goes out, so another message to the same chat
    // waits for the whole of this one instead of landing between its parts.
    std::vector<pacer::clock::time_point> slots;
    if (cfg_.enabled) {
        auto now = pacer::clock::now();
        for (std::size_t i = 0; i < parts.size(); ++i) slots.push_back(reserve_slot(to.key(), now));
    }
    std::optional<result<id>> first;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (cfg_.enabled) co_await wait_until(slots[i]);
        // The account may have gone while this part waited for its slot.
        if (!platform_) {
            ++failed_;
            co_return result<id>(error{errc::not_connected, "the account went before the message was sent"});
        }
        // Not a scope guard: a send whose coroutine is destroyed unfinished only happens at shutdown,
        // when this outbox may already be gone.
        auto began = pending_.insert(pacer::clock::now());
        auto r = co_await platform_->send(to, std::move(parts[i]));
        pending_.erase(began);
        if (!r) {
            ++failed_;
            // One line per ten seconds at most: a dead platform or an overloaded link fails every send.
            static log_every failures;
            if (auto n = failures.due(); n == 1)
                spdlog::warn("send to {} failed: {} {}", to.key(), errc_name(r.err().code), r.err().detail);
            else if (n > 1)
                spdlog::warn("{} sends failed since the last such line; the last, to {}: {} {}", n, to.key(),
                             errc_name(r.err().code), r.err().detail);
            // No retry: platforms report false failures, and a retry could post twice.
            co_return r;
        }
        ++sent_;
        if (!first) first = r;
    }
    co_return first ? *first : result<id>(error{errc::bad_request, "empty message"});
}

}  // namespace bot
