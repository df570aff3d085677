#include "test_kb.h"

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace firstline::testing {

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("firstline-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string sample_public_index() { return std::string(FIRSTLINE_TEST_INDEX_DIR) + "/public.db"; }
std::string sample_agent_index() { return std::string(FIRSTLINE_TEST_INDEX_DIR) + "/agent.db"; }
std::string source_dir() { return FIRSTLINE_SOURCE_DIR; }

std::string TestKb::article(const std::string& id, const std::string& extra, const std::string& body) {
  return "---\nid: " + id +
         "\ntitle: 我的包裹到哪了\ntype: solution\naudience: public\nlocale: zh-Hans\nintents: [parcel.where]\n"
         "questions: [快递到哪了, 查物流]\nupdated: 2026-10-01\n" +
         extra + "---\n" + body + "\n";
}

TestKb::TestKb() {
  fs::create_directories(dir_.path() / "kb" / "articles");
  write("intents.yaml", R"(intents:
  - id: parcel.where
    group: delivery
    label: {zh-Hans: 查询包裹, en: Track my parcel}
    option: {zh-Hans: 包裹到哪了, en: "Where is my parcel?"}
    examples:
      zh-Hans: [我的快递到哪了, 查一下物流, 包裹在哪里, 物流信息, 快递单号查询, 订单发货了吗, 包裹什么时候到, 查快递]
      en: [where is my parcel, track my order, tracking number, where is my package, has my order shipped, delivery status, track parcel, parcel location]
    human_only: false
    urgent: false
  - id: refund.status
    group: returns
    label: {zh-Hans: 退款进度, en: Refund status}
    option: {zh-Hans: 退款到哪了, en: "Where is my refund?"}
    examples:
      zh-Hans: [退款什么时候到账, 退款进度, 钱怎么还没退, 退款查询, 退款到哪了, 退款多久到, 退款没收到, 退款状态]
      en: [where is my refund, refund status, when will I get my money back, refund not received, refund time, how long for refund, refund progress, money back status]
    human_only: false
    urgent: false
)");
  write("escalation.yaml", R"(channels:
  - {id: chat, kind: chat, label: {en: Chat}, hours: [{days: [mon], open: "08:00", close: "22:00"}]}
  - {id: phone, kind: phone, number: "400-000-1234", label: {en: Phone}, hours: [{days: [mon], open: "00:00", close: "24:00"}]}
routes:
  urgent: [phone]
  out_of_scope: [chat]
thresholds:
  answer_min_confidence: 0.35
)");
  write("synonyms.yaml", "synonyms:\n  - [快递, 包裹]\n  - [parcel, package]\n");
  write("articles/parcel-where.md", article("parcel-where", "", "在**订单详情**查看物流信息。"));
  write("articles/refund-status-hant.md", R"(---
id: refund-status-hant
title: 退款進度查詢
type: solution
audience: public
locale: zh-Hant
intents: [refund.status]
questions: [退款什麼時候到帳, 錢怎麼還沒退回來]
updated: 2026-10-02
---
退款會在倉庫驗收後處理，銀行卡需要 3 到 7 個工作天。
)");
  write("articles/comp-standard.md", R"(---
id: comp-standard
title: 延误补偿标准
type: policy
audience: internal
locale: zh-Hans
intents: [parcel.where]
updated: 2026-10-03
---
| 延误 | 补偿 |
|---|---|
| 3 天 | 机密补偿金额二十元 |
)");
}

void TestKb::write(const std::string& relative_path, const std::string& content) const {
  const fs::path path = fs::path(root()) / relative_path;
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

void TestKb::remove(const std::string& relative_path) const { fs::remove(fs::path(root()) / relative_path); }

}  // namespace firstline::testing
