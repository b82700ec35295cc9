#include "plugins/antiad/detect.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <bitset>

namespace plugins::antiad {

namespace {

bool ends_with_label(std::string_view host, std::string_view domain) {
    if (host == domain) return true;
    return host.size() > domain.size() && host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.';
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

re2::RE2::Options options(bool case_sensitive = true) {
    re2::RE2::Options o;
    o.set_log_errors(false);
    o.set_case_sensitive(case_sensitive);
    return o;
}

/// Built-in contact patterns over the compact view. The capture is what the log shows.
struct builtin {
    char const* rule;
    char const* pattern;
};
constexpr builtin builtins[] = {
    {"mobile", "(?:^|[^0-9])(?:86)?(1[3-9][0-9]{9})(?:[^0-9]|$)"},
    {"wechat", "((?:微信|加微|wechat|weixin)(?:号码|号|是|id)*[a-z]+[0-9][a-z0-9]*)"},
    {"wechat", "((?:微信号|加微|微信是|wechatid)(?:码|是)*[a-z][a-z0-9]{5,19})"},
    {"wechat", "((?:微信|加微|wechat|weixin)(?:号码|号|是|id)*[0-9]{5,12})"},
    {"qq", "((?:qq|加q|q群|群号|群)(?:号码|号|是|id)*[1-9][0-9]{4,11})"},
};

constexpr char const* strong_tlds =
    "com|cn|net|org|top|xyz|vip|cc|info|biz|club|shop|site|online|app|icu|ink|tk|ml|ga|cf|gq|pw|ws|store|tech|"
    "website|cloud|asia|mobi|ltd|hk|tw|ru|jp|kr|de|uk";
constexpr char const* weak_tlds = "me|io|co|tv|to|ly|gl|gg|la|in|us|so|be|ai|sh|fun|work|live|link";

std::uint32_t bigram(char32_t a, char32_t b) {
    return (static_cast<std::uint32_t>(a) * 31u + b) & 0xFFFFu;
}

}  // namespace

bool allowlist::domain_allowed(std::string_view host) const {
    for (auto const& d : domains)
        if (ends_with_label(host, lower(d))) return true;
    return false;
}

bool allowlist::qr_allowed(std::string_view payload) const {
    for (auto const& p : qr_prefixes)
        if (!p.empty() && payload.starts_with(p)) return true;
    auto l = lower(payload);
    if (l.starts_with("http://") || l.starts_with("https://")) return domain_allowed(host_of(l));
    return false;
}

std::string host_of(std::string_view url) {
    auto l = lower(url);
    std::string_view v = l;
    if (auto p = v.find("://"); p != std::string_view::npos) v.remove_prefix(p + 3);
    if (auto at = v.find('@'); at != std::string_view::npos && at < v.find('/')) v.remove_prefix(at + 1);
    v = v.substr(0, v.find_first_of("/:?#"));
    while (!v.empty() && v.back() == '.') v.remove_suffix(1);
    return std::string(v);
}

bool check_options::rule_on(std::string_view rule) const {
    if (!off_rules) return true;
    auto family = rule.substr(0, rule.find_first_of("#."));
    for (auto const& r : *off_rules)
        if (r == rule || r == family) return false;
    return true;
}

std::optional<hit> check_segments(bot::message const& m, check_options const& o) {
    auto fire = [&](std::string rule, std::string what) -> std::optional<hit> {
        if (o.strict) rule = "newcomer." + rule;
        if (!o.rule_on(rule)) return std::nullopt;
        return hit{std::move(rule), std::move(what)};
    };
    for (auto const& s : m.segments()) {
        std::optional<hit> h;
        if (auto c = std::get_if<bot::seg::card>(&s)) {
            bool mini = c->kind == "miniapp" || c->raw.find("com.tencent.miniapp") != std::string::npos;
            if (mini) {
                h = fire("miniapp", "[小程序] " + c->title);
            } else {
                auto host = host_of(c->url);
                bool allowed = !c->url.empty() && o.allow && o.allow->domain_allowed(host);
                if (!allowed || o.strict) h = fire("card", "[卡片] " + c->title + (c->url.empty() ? "" : " " + c->url));
            }
        } else if (auto k = std::get_if<bot::seg::contact>(&s)) {
            h = k->kind == "group" ? fire("invite", "[群名片] " + k->target.str())
                                   : fire("contact", "[名片] " + k->target.str());
        } else if (std::holds_alternative<bot::seg::forward>(s)) {
            h = fire("forward", "[合并转发]");
        } else if (auto f = std::get_if<bot::seg::file>(&s)) {
            h = fire("file", "[文件] " + f->name);
        }
        if (h) return h;
    }
    return std::nullopt;
}

std::string text_of(bot::message const& m) {
    std::string out;
    for (auto const& s : m.segments()) {
        if (auto t = std::get_if<bot::seg::text>(&s)) {
            out += t->content;
        } else if (auto c = std::get_if<bot::seg::card>(&s)) {
            out += ' ' + c->title + ' ' + c->content + ' ' + c->url + ' ';
        } else if (auto f = std::get_if<bot::seg::file>(&s)) {
            out += ' ' + f->name + ' ';
        }
    }
    return out;
}

struct text_rules::impl {
    struct entry {
        std::string rule;
        std::unique_ptr<re2::RE2> re;
    };
    re2::RE2::Options opts = options();
    re2::RE2::Set hard{opts, re2::RE2::UNANCHORED};
    std::vector<entry> hard_entries;
    re2::RE2::Set soft{opts, re2::RE2::UNANCHORED};
    std::vector<std::string> soft_words;
    bool has_soft = false;
    re2::RE2 url{"((?:https?|ftp)://[^\\s]+|www\\.[a-z0-9-]+\\.[^\\s]+)", opts};
    re2::RE2 domain{std::string("(?:^|[^a-z0-9.-])((?:[a-z0-9][a-z0-9-]*\\.)+(?:") + strong_tlds + "))(?:[^a-z0-9-]|$)",
                    opts};
    re2::RE2 weak_domain{std::string("(?:^|[^a-z0-9.-])((?:[a-z0-9][a-z0-9-]*\\.)+(?:") + weak_tlds + "))/", opts};
    std::bitset<65536> bigrams;
    std::bitset<65536> unigrams;

    void index(std::string const& word) {
        normalized n;
        normalize(word, n);
        auto const& cps = n.scratch_compact;
        if (cps.size() == 1) unigrams.set(cps[0] & 0xFFFFu);
        if (cps.size() >= 2) bigrams.set(bigram(cps[0], cps[1]));
    }
};

text_rules::text_rules(std::vector<std::string> const& keywords, std::vector<std::string> const& soft_keywords)
    : impl_(std::make_unique<impl>()) {
    auto& d = *impl_;
    auto add_hard = [&](std::string rule, std::string const& pattern) {
        auto re = std::make_unique<re2::RE2>(pattern, d.opts);
        if (!re->ok() || d.hard.Add(pattern, nullptr) < 0) return;
        d.hard_entries.push_back({std::move(rule), std::move(re)});
    };
    for (auto const& b : builtins) add_hard(b.rule, b.pattern);
    for (auto const& k : keywords) {
        auto n = normalize_compact(k);
        if (n.empty()) continue;
        add_hard("keyword", "(" + re2::RE2::QuoteMeta(n) + ")");
        d.index(k);
    }
    d.hard.Compile();
    for (auto const& k : soft_keywords) {
        auto n = normalize_compact(k);
        if (n.empty()) continue;
        if (d.soft.Add(re2::RE2::QuoteMeta(n), nullptr) < 0) continue;
        d.soft_words.push_back(n);
        d.index(k);
    }
    d.has_soft = !d.soft_words.empty();
    d.soft.Compile();
    for (auto const* trigger : {"微信", "加微", "wechat", "weixin"}) d.index(trigger);
}

text_rules::~text_rules() = default;

bool text_rules::worth_matching(normalized const& n) const {
    if (n.dotted || n.longest_digits >= 5) return true;
    auto const& cps = n.scratch_compact;
    auto const& d = *impl_;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        if (d.unigrams.test(cps[i] & 0xFFFFu)) return true;
        if (i + 1 < cps.size() && d.bigrams.test(bigram(cps[i], cps[i + 1]))) return true;
    }
    return false;
}

std::optional<hit> text_rules::check(normalized const& n, check_options const& o) const {
    auto const& d = *impl_;
    auto fire = [&](std::string rule, std::string what) -> std::optional<hit> {
        if (!o.rule_on(rule)) return std::nullopt;
        return hit{std::move(rule), std::move(what)};
    };
    bool scan = worth_matching(n);
    if (scan) {
        std::vector<int> found;
        if (d.hard.Match(n.compact, &found)) {
            std::sort(found.begin(), found.end());
            for (int i : found) {
                auto const& e = d.hard_entries[static_cast<std::size_t>(i)];
                std::string what;
                re2::RE2::PartialMatch(n.compact, *e.re, &what);
                if (auto h = fire(e.rule, what)) return h;
            }
        }
    }
    if (n.dotted) {
        re2::StringPiece input(n.linkish);
        std::string what;
        std::optional<hit> allowed_link;
        auto consider = [&](std::string const& link) -> std::optional<hit> {
            bool ok = o.allow && o.allow->domain_allowed(host_of(link));
            if (!ok) return fire(o.strict ? "newcomer.link" : "link", link);
            if (o.strict) return fire("newcomer.link", link);
            return std::nullopt;
        };
        while (re2::RE2::FindAndConsume(&input, d.url, &what))
            if (auto h = consider(what)) return h;
        input = n.linkish;
        while (re2::RE2::FindAndConsume(&input, d.domain, &what))
            if (auto h = consider(what)) return h;
        input = n.linkish;
        while (re2::RE2::FindAndConsume(&input, d.weak_domain, &what))
            if (auto h = consider(what)) return h;
    }
    if (scan && d.has_soft) {
        std::vector<int> found;
        if (d.soft.Match(n.compact, &found)) {
            auto need = o.strict ? 1 : o.soft_threshold;
            if (static_cast<std::int64_t>(found.size()) >= need) {
                std::sort(found.begin(), found.end());
                std::string words;
                for (int i : found) words += (words.empty() ? "" : "+") + d.soft_words[static_cast<std::size_t>(i)];
                if (auto h = fire(o.strict ? "newcomer.pitch" : "pitch", words)) return h;
            }
        }
    }
    return std::nullopt;
}

struct admin_rules::impl {
    re2::RE2::Options opts = options(false);
    re2::RE2::Set set{opts, re2::RE2::UNANCHORED};
    std::vector<std::int64_t> ids;
    std::vector<std::unique_ptr<re2::RE2>> res;
};

admin_rules::admin_rules(std::vector<admin_rule> const& rules) : impl_(std::make_unique<impl>()) {
    auto& d = *impl_;
    for (auto const& r : rules) {
        auto re = std::make_unique<re2::RE2>("(" + r.pattern + ")", d.opts);
        if (!re->ok() || d.set.Add(r.pattern, nullptr) < 0) continue;
        d.ids.push_back(r.id);
        d.res.push_back(std::move(re));
    }
    d.set.Compile();
}

admin_rules::~admin_rules() = default;

std::optional<std::string> admin_rules::compile_error(std::string const& pattern) {
    re2::RE2 re(pattern, options(false));
    if (re.ok()) return std::nullopt;
    return re.error();
}

bool admin_rules::empty() const {
    return impl_->ids.empty();
}

std::optional<hit> admin_rules::check(std::string_view original, std::string_view compact) const {
    auto const& d = *impl_;
    if (d.ids.empty()) return std::nullopt;
    for (auto text : {original, compact}) {
        std::vector<int> found;
        if (!d.set.Match(re2::StringPiece(text.data(), text.size()), &found) || found.empty()) continue;
        auto i = static_cast<std::size_t>(*std::min_element(found.begin(), found.end()));
        std::string what;
        re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *d.res[i], &what);
        return hit{"admin#" + std::to_string(d.ids[i]), what};
    }
    return std::nullopt;
}

}  // namespace plugins::antiad
