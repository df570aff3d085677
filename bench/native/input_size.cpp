// firstline-bench-input-size: how the cost of one large input grows (issue
// 15, item 10). Not a test; scripts/bench-input-size.sh runs it and CTest
// runs it once on tiny inputs so it cannot rot.
//
//   1. One article of N MiB in the sample KB: its snippet (the core's
//      Snippeter over the article's text, any size) and a search through the
//      real pipeline (firstline-index build, then Index::search, which shows
//      the article's snippet). The indexer refuses an article over 1 MiB, so
//      larger sizes report "refused".
//   2. The agent console's gaps (find_gaps) over a widget event log of N
//      questions, each a gap, mostly worded differently.
//
// Each figure is the median of --repeats runs (default 3). Once one run of a
// series takes over --budget seconds (default 60), its larger sizes are
// skipped: the old quadratic code would take hours.
//
//   firstline-bench-input-size [--articles 0.25,0.5,1,2,4] [--events 5000,10000,20000,40000]
//                              [--repeats N] [--budget S] [--kb DIR]
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "cli.h"
#include "firstline/console/gaps.h"
#include "firstline/index.h"
#include "firstline/text.h"
#include "snippet.h"

namespace fs = std::filesystem;

namespace {

std::vector<double> numbers(const std::string& list) {
  std::vector<double> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(std::stod(item));
  return out;
}

/// Seconds of the median of `repeats` runs of `run`; the runs stop early
/// (and the series is over budget) when one exceeds `budget`.
double median_seconds(int repeats, double budget, const std::function<void()>& run, bool& over_budget) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (times.back() > budget) {
      over_budget = true;
      break;
    }
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::string seconds_text(double s) {
  char buffer[32];
  if (s < 0.001) std::snprintf(buffer, sizeof buffer, "%.3f ms", s * 1000);
  else if (s < 1) std::snprintf(buffer, sizeof buffer, "%.1f ms", s * 1000);
  else std::snprintf(buffer, sizeof buffer, "%.2f s", s);
  return buffer;
}

/// An article body of at most `bytes` (whole paragraphs): paragraphs of English and Chinese
/// sentences, most of them about refunds and parcels (an article on the query's topic).
std::string article_body(std::size_t bytes) {
  static const std::vector<std::string> sentences = {
      "Your refund reaches the card you paid with within three working days.",
      "A parcel that has not moved for three days can be reported from the order page.",
      "Keep the parcel's packaging until the refund is accepted.",
      "A refund for a lost parcel needs no return.",
      "退款会在三个工作日内原路退回。",
      "包裹三天没有更新物流，可以申请退款。",
      "请保留包裹的包装，直到退款审核通过。",
      "发票由商家在订单完成后开具。",
      "Coupons cannot be combined with member discounts.",
      "Each parcel is insured until it is signed for."};
  std::mt19937 random(7);
  std::string body;
  for (;;) {
    std::string paragraph;
    for (int k = 0; k < 6; ++k) paragraph += sentences[random() % sentences.size()] + " ";
    paragraph += "\n\n";
    if (body.size() + paragraph.size() > bytes) return body;
    body += paragraph;
  }
}

std::string event_log(std::size_t questions) {
  std::mt19937 random(11);
  static const std::u32string hanzi = U"包裹快递退款发票会员积分优惠券地址修改取消订单支付失败账户登录密码商品质量价格保修换货安装预约门店配送时间延迟损坏丢失客服电话投诉赔偿活动规则";
  std::vector<std::string> words;
  for (int i = 0; i < 4000; ++i) {
    std::string w;
    for (int k = 0; k < 6; ++k) w += static_cast<char>('a' + random() % 26);
    words.push_back(w);
  }
  std::string log;
  for (std::size_t i = 0; i < questions; ++i) {
    std::string query;
    if (i % 3 == 2) {
      for (int k = 0; k < 6; ++k) firstline::append_utf8(query, hanzi[random() % hanzi.size()]);
    } else {
      for (int k = 0; k < 5; ++k) query += (k ? " " : "") + words[random() % words.size()];
    }
    const std::string session = "s" + std::to_string(i);
    log += R"({"type":"ask","at":"2026-11-20T09:00:00Z","locale":"en","session":")" + session + R"(","query":")" + query +
           R"(","decision":{"kind":"escalate","reason":"out_of_scope","intents":[]}})" "\n";
    if (i % 5 == 0)
      log += R"({"type":"handoff","at":"2026-11-20T09:01:00Z","locale":"en","session":")" + session + "\"}\n";
  }
  return log;
}

int build_kb(const std::string& kb, const std::string& out) {
  std::vector<std::string> args{"firstline-index", "build", kb, "--out", out, "--quiet"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  // What the indexer says (its summary, the refusal of a huge article) is not the table's.
  std::fflush(stdout);
  std::cout.flush();
  const int saved_out = ::dup(1), saved_err = ::dup(2), nowhere = ::open("/dev/null", O_WRONLY);
  ::dup2(nowhere, 1);
  ::dup2(nowhere, 2);
  const int status = firstline::indexer::run_cli(static_cast<int>(argv.size()), argv.data());
  std::fflush(stdout);
  std::cout.flush();
  std::cerr.flush();
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  ::close(saved_out);
  ::close(saved_err);
  ::close(nowhere);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<double> article_mib = {0.25, 0.5, 1, 2, 4};
  std::vector<double> event_counts = {5000, 10000, 20000, 40000};
  int repeats = 3;
  double budget = 60;
  std::string kb_source = "kb-content";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--articles") article_mib = numbers(value);
    else if (flag == "--events") event_counts = numbers(value);
    else if (flag == "--repeats") repeats = std::max(1, std::stoi(value));
    else if (flag == "--budget") budget = std::stod(value);
    else if (flag == "--kb") kb_source = value;
    else {
      std::cerr << "unknown option " << flag << "\n";
      return 2;
    }
  }
  const fs::path work = fs::temp_directory_path() / ("firstline-bench-input-size-" + std::to_string(std::random_device()()));
  fs::create_directories(work);

  std::cout << "| article | snippet of its text | build + search (Index::search, snippet shown) |\n|---:|---:|---:|\n";
  const Xapian::Stem stemmer("english");
  const firstline::TextFolder folder;
  const firstline::SynonymSet synonyms;
  const firstline::Snippeter snippeter(folder, synonyms, stemmer, {{"Zrefund", 1.0}, {"Zparcel", 1.0}, {"Z退款", 1.0}});
  bool snippet_over = false, search_over = false;
  for (const double mib : article_mib) {
    static const std::string front_matter =
        "---\nid: huge-article\ntitle: A very long article about parcels\ntype: solution\naudience: public\n"
        "locale: en\nintents: [parcel.where]\nquestions: [a very long question]\nupdated: 2026-08-19\n---\n\n";
    // The whole file is at most `mib` MiB: "1 MiB" is the largest article the indexer takes.
    const std::string body = article_body(static_cast<std::size_t>(mib * 1048576) - front_matter.size());
    std::string snippet_cell = "skipped (over budget)", search_cell = snippet_cell;
    if (!snippet_over) {
      std::string s;
      snippet_cell = seconds_text(median_seconds(repeats, budget, [&] { s = snippeter(body); }, snippet_over));
    }
    if (!search_over) {
      const fs::path kb = work / "kb";
      fs::remove_all(kb);
      fs::copy(kb_source, kb, fs::copy_options::recursive);
      std::ofstream(kb / "articles" / "huge.md", std::ios::binary) << front_matter << body;
      if (build_kb(kb.string(), (work / "out").string()) != 0) {
        search_cell = "refused by the indexer (over 1 MiB)";
      } else {
        const firstline::Index index = firstline::Index::open((work / "out" / "public.db").string());
        search_cell = seconds_text(median_seconds(
            repeats, budget, [&] { (void)index.search("parcel refund 退款", 10); }, search_over));
      }
    }
    std::cout << "| " << mib << " MiB | " << snippet_cell << " | " << search_cell << " |\n" << std::flush;
  }

  std::cout << "\n| event log | questions | find_gaps |\n|---:|---:|---:|\n";
  bool gaps_over = false;
  for (const double count : event_counts) {
    const std::string log = event_log(static_cast<std::size_t>(count));
    std::string cell = "skipped (over budget)";
    if (!gaps_over) {
      firstline::console::GapReport report;
      cell = seconds_text(median_seconds(repeats, budget, [&] { report = firstline::console::find_gaps(log); }, gaps_over));
      cell += " (" + std::to_string(report.groups.size()) + " groups)";
    }
    char size[32];
    std::snprintf(size, sizeof size, "%.1f MiB", static_cast<double>(log.size()) / 1048576);
    std::cout << "| " << size << " | " << static_cast<std::size_t>(count) << " | " << cell << " |\n" << std::flush;
  }
  std::error_code ignored;
  fs::remove_all(work, ignored);
  return 0;
}
