#include "roster/rosterfields.h"

namespace examsite {

const std::array<RosterFieldInfo, kRosterFieldCount> &rosterFields()
{
    static const std::array<RosterFieldInfo, kRosterFieldCount> all = {{
        {RosterField::Ticket,
         u"准考证号",
         QT_TRANSLATE_NOOP("Error", "ticket"),
         true,
         32,
         {QStringLiteral("准考证"), QStringLiteral("ticket_no"), QStringLiteral("admission_ticket")}},
        {RosterField::Name, u"姓名", QT_TRANSLATE_NOOP("Error", "name"), true, 64, {}},
        {RosterField::IdNumber,
         u"身份证号",
         QT_TRANSLATE_NOOP("Error", "id_number"),
         true,
         18,
         {QStringLiteral("身份证号码"), QStringLiteral("证件号码"), QStringLiteral("id_card")}},
        {RosterField::Gender,
         u"性别",
         QT_TRANSLATE_NOOP("Error", "gender"),
         true,
         8,
         {QStringLiteral("sex")}},
        {RosterField::School,
         u"学校",
         QT_TRANSLATE_NOOP("Error", "school"),
         false,
         100,
         {QStringLiteral("院校"), QStringLiteral("学校名称")}},
        {RosterField::Class,
         u"班级",
         QT_TRANSLATE_NOOP("Error", "class"),
         false,
         64,
         {QStringLiteral("class_name")}},
        {RosterField::Major,
         u"专业",
         QT_TRANSLATE_NOOP("Error", "major"),
         false,
         100,
         {QStringLiteral("专业名称")}},
        {RosterField::Certificate,
         u"证书",
         QT_TRANSLATE_NOOP("Error", "certificate"),
         true,
         100,
         {QStringLiteral("证书名称")}},
        {RosterField::Level,
         u"等级",
         QT_TRANSLATE_NOOP("Error", "level"),
         true,
         16,
         {QStringLiteral("级别"), QStringLiteral("证书等级")}},
        {RosterField::Photo,
         u"照片",
         QT_TRANSLATE_NOOP("Error", "photo"),
         false,
         260,
         {QStringLiteral("photo_path")}},
        {RosterField::Needs,
         u"无障碍需求",
         QT_TRANSLATE_NOOP("Error", "needs"),
         false,
         100,
         {QStringLiteral("特殊需求")}},
        {RosterField::Workstation,
         u"工位类型",
         QT_TRANSLATE_NOOP("Error", "workstation"),
         false,
         32,
         {QStringLiteral("工位")}},
    }};
    return all;
}

const RosterFieldInfo &rosterField(RosterField f)
{
    return rosterFields()[size_t(f)];
}

std::optional<RosterField> rosterFieldForHeader(const QString &header)
{
    QString h = header.trimmed().toLower();
    h.remove(u' ');
    h.replace(u'-', u'_');
    for (const RosterFieldInfo &info : rosterFields()) {
        if (h == QStringView(info.chinese) || h == QLatin1StringView(info.english))
            return info.field;
        for (const QString &a : info.aliases)
            if (h == a)
                return info.field;
    }
    return std::nullopt;
}

} // namespace examsite
