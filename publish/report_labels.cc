// This file's external interface is LabelsFor and HasChinese.
#include "report_labels.h"

namespace assess::publish {
namespace {

const Labels kChinese = {
    "zh-CN",    "版本",       "概况",        "参评单位",       "已计分",
    "数据有误", "一票否决",   "类别",        "全部单位",       "排名",
    "名次",     "单位",       "总分",        "等次",           "否决事项",
    "得分",     "分值",       "等次分布",    "名额",           "至多",
    "个数",     "不适用",     "加分",        "扣分",           "逐单位得分明细",
    "指标",     "事由",       "计算过程",    "数据有误的单位", "位置",
    "说明",     "可追溯信息", "考核方案",    "指纹 (SHA-256)", "参数覆盖",
    "数据文件", "工作表",     "assess 版本", "生成时间",       "无",
    "返回排名", "指标名称",   "类型",        "上级指标",       "编号",
    "单位",
};

const Labels kEnglish = {
    "en",
    "version",
    "Summary",
    "units",
    "scored",
    "in error",
    "vetoed",
    "group",
    "all units",
    "Ranking",
    "rank",
    "unit",
    "total",
    "grade",
    "vetoes",
    "score",
    "points",
    "Grade distribution",
    "quota",
    "at most",
    "units",
    "not applicable",
    "bonus",
    "deduction",
    "Unit by unit",
    "indicator",
    "reasons",
    "computation",
    "Units in error",
    "place",
    "message",
    "Provenance",
    "scheme",
    "fingerprint (SHA-256)",
    "param overrides",
    "data file",
    "sheet",
    "assess version",
    "generated",
    "none",
    "back to the ranking",
    "title",
    "kind",
    "parent",
    "id",
    "unit",
};

}  // namespace

bool HasChinese(std::string_view text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0xE4 || b0 > 0xE9) continue;  // U+4E00..U+9FFF start with E4..E9
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && (b0 > 0xE4 || b1 >= 0xB8)) return true;
  }
  return false;
}

const Labels& LabelsFor(const Scheme& scheme) {
  return HasChinese(scheme.title()) ? kChinese : kEnglish;
}

}  // namespace assess::publish
