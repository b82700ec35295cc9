#include "bot/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace bot {

namespace {

std::string escape_label(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

std::string number(double v) {
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    if (std::isnan(v)) return "NaN";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{}", v);
}

/// Label text with one more label added at the end (the histogram's "le").
std::string with_label(metrics::labels l, std::string name, std::string value) {
    l.emplace_back(std::move(name), std::move(value));
    return metrics::label_text(l);
}

}  // namespace

std::string metrics::label_text(labels const& l) {
    if (l.empty()) return {};
    std::string out = "{";
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (i) out += ',';
        out += l[i].first + "=\"" + escape_label(l[i].second) + "\"";
    }
    return out + "}";
}

metrics::family& metrics::at(std::string_view name) {
    auto it = families_.find(name);
    if (it == families_.end()) it = families_.emplace(std::string(name), family{}).first;
    return it->second;
}

void metrics::counter(std::string name, std::string help) {
    auto& f = at(name);
    f.type = "counter";
    f.help = std::move(help);
}

void metrics::histogram(std::string name, std::string help, std::vector<double> bounds) {
    auto& f = at(name);
    f.type = "histogram";
    f.help = std::move(help);
    std::sort(bounds.begin(), bounds.end());
    f.bounds = std::move(bounds);
}

void metrics::gauge(std::string name, std::string help, std::function<double()> read) {
    auto& f = at(name);
    f.type = "gauge";
    f.help = std::move(help);
    f.read = std::move(read);
}

void metrics::counter_read(std::string name, std::string help, std::function<double()> read) {
    auto& f = at(name);
    f.type = "counter";
    f.help = std::move(help);
    f.read = std::move(read);
}

void metrics::gauges(std::string name, std::string help, std::function<std::vector<std::pair<labels, double>>()> read) {
    auto& f = at(name);
    f.type = "gauge";
    f.help = std::move(help);
    f.read_many = std::move(read);
}

void metrics::add(std::string_view name, labels const& l, double n) {
    auto [it, fresh] = at(name).values.try_emplace(label_text(l));
    if (fresh) it->second.first = l;  // the labels are copied once per series, not per event
    it->second.second += n;
}

void metrics::observe(std::string_view name, labels const& l, double value) {
    auto& f = at(name);
    auto [it, fresh] = f.hists.try_emplace(label_text(l));
    auto& [stored, h] = it->second;
    if (fresh) stored = l;
    if (h.counts.size() != f.bounds.size()) h.counts.assign(f.bounds.size(), 0);
    for (std::size_t i = 0; i < f.bounds.size(); ++i)
        if (value <= f.bounds[i]) {
            ++h.counts[i];
            break;
        }
    ++h.count;
    h.sum += value;
}

double metrics::value(std::string_view name, labels const& l) const {
    auto it = families_.find(name);
    if (it == families_.end()) return 0;
    auto v = it->second.values.find(label_text(l));
    return v == it->second.values.end() ? 0 : v->second.second;
}

double metrics::total(std::string_view name) const {
    double sum = 0;
    for (auto const& entry : series(name)) sum += entry.second;
    return sum;
}

std::vector<std::pair<metrics::labels, double>> metrics::series(std::string_view name) const {
    std::vector<std::pair<labels, double>> out;
    auto it = families_.find(name);
    if (it == families_.end()) return out;
    for (auto const& [key, v] : it->second.values) out.push_back(v);
    return out;
}

std::pair<std::uint64_t, double> metrics::summary(std::string_view name, labels const& l) const {
    auto it = families_.find(name);
    if (it == families_.end()) return {0, 0};
    auto h = it->second.hists.find(label_text(l));
    if (h == it->second.hists.end()) return {0, 0};
    return {h->second.second.count, h->second.second.sum};
}

std::string metrics::prometheus() const {
    std::string out;
    for (auto const& [name, f] : families_) {
        if (!f.help.empty()) out += "# HELP " + name + " " + f.help + "\n";
        out += "# TYPE " + name + " " + f.type + "\n";
        if (f.read) out += name + " " + number(f.read()) + "\n";
        if (f.read_many)
            for (auto const& [l, v] : f.read_many()) out += name + label_text(l) + " " + number(v) + "\n";
        for (auto const& [key, v] : f.values) out += name + key + " " + number(v.second) + "\n";
        for (auto const& [key, v] : f.hists) {
            auto const& [l, h] = v;
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < f.bounds.size(); ++i) {
                cumulative += i < h.counts.size() ? h.counts[i] : 0;
                out += name + "_bucket" + with_label(l, "le", number(f.bounds[i])) + " " + number(double(cumulative)) + "\n";
            }
            out += name + "_bucket" + with_label(l, "le", "+Inf") + " " + number(double(h.count)) + "\n";
            out += name + "_sum" + key + " " + number(h.sum) + "\n";
            out += name + "_count" + key + " " + number(double(h.count)) + "\n";
        }
    }
    return out;
}

}  // namespace bot
