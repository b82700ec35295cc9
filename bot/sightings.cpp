#include "bot/sightings.hpp"

#include <algorithm>
#include <string_view>

#include "bot/overloaded.hpp"

namespace bot {

namespace {

/// FNV-1a: stable across runs and platforms, unlike std::hash; the prints are compared only in memory,
/// but a fixed function keeps the tests' expectations fixed too.
struct fnv {
    std::uint64_t h = 14695981039346656037ULL;
    fnv& add(std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        // A separator, so "ab"+"c" and "a"+"bc" differ.
        h ^= 0xff;
        h *= 1099511628211ULL;
        return *this;
    }
};

/// What of a segment is the same through every account. Reply targets, image URLs and forward IDs
/// are per account on QQ (message IDs and download keys differ), so only their kind counts.
void add_segment(fnv& f, segment const& s) {
    std::visit(overloaded{
                   [&](seg::text const& t) { f.add("t").add(t.content); },
                   [&](seg::at const& a) { f.add("@").add(a.user.str()); },
                   [&](seg::at_all const&) { f.add("@all"); },
                   [&](seg::reply const&) { f.add("reply"); },
                   [&](seg::image const&) { f.add("image"); },
                   [&](seg::face const& x) { f.add("face").add(x.face_id); },
                   [&](seg::card const& c) { f.add("card").add(c.kind).add(c.title); },
                   [&](seg::contact const& c) { f.add("contact").add(c.kind).add(c.target.str()); },
                   [&](seg::file const& x) { f.add("file").add(x.name).add(std::to_string(x.size)); },
                   [&](seg::forward const&) { f.add("forward"); },
                   [&](seg::unknown const& u) { f.add("?").add(u.type); },
               },
               s);
}

}  // namespace

message_print message_print::of(event const& e, ev::group_message const& m) {
    message_print p;
    fnv f;
    f.add(e.platform).add(m.group.str()).add(m.from.user.str());
    for (auto const& s : m.content.segments()) add_segment(f, s);
    p.content = f.h;
    p.second = e.time.time_since_epoch().count();
    if (!m.seq.empty()) p.seq = std::max<std::uint64_t>(fnv{}.add(e.platform).add(m.group.str()).add(m.seq.str()).h, 1);
    return p;
}

bool sightings::entry::seen_by(std::string const& account) const {
    return std::any_of(copies.begin(), copies.end(), [&](auto const& c) { return c.first == account; });
}

std::uint64_t sightings::bucket(std::uint64_t content, std::int64_t second) {
    return content ^ (static_cast<std::uint64_t>(second) * 0x9e3779b97f4a7c15ULL);
}

sightings::entry* sightings::find(std::uint64_t serial) {
    if (entries_.empty() || serial < entries_.front().serial) return nullptr;
    auto i = serial - entries_.front().serial;
    return i < entries_.size() ? &entries_[i] : nullptr;
}

sightings::entry const* sightings::find(std::uint64_t serial) const {
    if (entries_.empty() || serial < entries_.front().serial) return nullptr;
    auto i = serial - entries_.front().serial;
    return i < entries_.size() ? &entries_[i] : nullptr;
}

sightings::entry* sightings::match(std::string const& account, message_print const& print) {
    // The group's sequence number is exact where both copies carry one, even when their times differ.
    if (print.seq != 0) {
        auto [lo, hi] = by_seq_.equal_range(print.seq);
        entry* best = nullptr;
        for (auto it = lo; it != hi; ++it)
            if (auto* e = find(it->second); e && !e->seen_by(account) && (!best || e->serial < best->serial)) best = e;
        if (best) return best;
    }
    // Else sender, content and time; the time may be a second off (NapCat falls back to its own clock).
    for (std::int64_t skew : {0, -1, 1}) {
        auto second = print.second + skew;
        auto [lo, hi] = by_print_.equal_range(bucket(print.content, second));
        entry* best = nullptr;
        for (auto it = lo; it != hi; ++it) {
            auto* e = find(it->second);
            if (!e || e->print.content != print.content || e->print.second != second || e->seen_by(account)) continue;
            // The oldest unmatched copy first, so the nth identical message pairs with the nth.
            if (!best || e->serial < best->serial) best = e;
        }
        if (best) return best;
    }
    return nullptr;
}

void sightings::expire(steady now) {
    auto erase_index = [](auto& index, std::uint64_t key, std::uint64_t serial) {
        auto [lo, hi] = index.equal_range(key);
        for (auto it = lo; it != hi; ++it) {
            if (it->second != serial) continue;
            index.erase(it);
            return;
        }
    };
    while (!entries_.empty() && (entries_.front().seen + window_ <= now || entries_.size() > max_entries_)) {
        auto const& e = entries_.front();
        erase_index(by_print_, bucket(e.print.content, e.print.second), e.serial);
        if (e.print.seq != 0) erase_index(by_seq_, e.print.seq, e.serial);
        entries_.pop_front();
    }
}

std::pair<std::uint64_t, bool> sightings::record(std::string const& account, id message_id, message_print const& print,
                                                 steady now) {
    expire(now);
    if (auto* e = match(account, print)) {
        e->copies.emplace_back(account, std::move(message_id));
        return {e->serial, false};
    }
    auto serial = next_serial_++;
    entries_.push_back(entry{serial, now, print, {{account, std::move(message_id)}}});
    by_print_.emplace(bucket(print.content, print.second), serial);
    if (print.seq != 0) by_seq_.emplace(print.seq, serial);
    // Trim again now that the message is in, so at most max_entries messages are remembered.
    expire(now);
    return {serial, true};
}

std::optional<id> sightings::id_for(std::uint64_t serial, std::string const& account) const {
    auto const* e = find(serial);
    if (!e) return std::nullopt;
    for (auto const& [who, mid] : e->copies)
        if (who == account) return mid;
    return std::nullopt;
}

}  // namespace bot
