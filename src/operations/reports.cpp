#include "operations/reports.h"

#include "core/csv.h"
#include "core/privatefile.h"

#include "core/error.h"
#include "operations/reportstore.h"
#include "operations/scoring.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <map>
#include <QDateTime>
#include <QFileInfo>
#include <QFont>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSet>

namespace examsite::ops {

namespace {

void writeCsv(const QString &path, const QStringList &headers, const QList<QStringList> &rows)
{
    writePrivateFile(path, csvDocument(headers, rows));
}

/// A table over as many A4 landscape pages as it needs, the header row repeated on each.
void writeTablePdf(const QString &path, const QString &title, const QString &subtitle,
                   const QStringList &headers, const QList<QStringList> &rows, const QList<int> &widths)
{
    QSaveFile file(path);
    openPrivate(file);
    {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageOrientation(QPageLayout::Landscape);
        pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter);
        pdf.setResolution(150);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("ExamSite"));
        QPainter p(&pdf);
        const QRect page = p.viewport();
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        font.setPixelSize(16);
        QFont bold = font;
        bold.setBold(true);
        QFont big = bold;
        big.setPixelSize(28);
        int total = 0;
        for (int w : widths)
            total += w;
        QList<int> x;
        int acc = 0;
        for (int w : widths) {
            x.append(page.left() + acc * page.width() / total);
            acc += w;
        }
        x.append(page.right());
        const int rowH = 30;
        int y = 0;
        int pageNo = 0;
        auto newPage = [&] {
            if (pageNo++ > 0)
                pdf.newPage();
            p.setFont(big);
            p.drawText(QRect(page.left(), page.top(), page.width(), 40), Qt::AlignLeft | Qt::AlignVCenter,
                       title);
            p.setFont(font);
            p.drawText(QRect(page.left(), page.top() + 40, page.width(), 28),
                       Qt::AlignLeft | Qt::AlignVCenter, subtitle);
            p.drawText(QRect(page.left(), page.top() + 40, page.width(), 28),
                       Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("第 %1 页 · Page %1").arg(pageNo));
            y = page.top() + 80;
            p.setFont(bold);
            p.fillRect(QRect(page.left(), y, page.width(), rowH), QColor(0xdb, 0xea, 0xfe));
            for (qsizetype i = 0; i < headers.size(); ++i)
                p.drawText(QRect(x[i] + 4, y, x[i + 1] - x[i] - 8, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                           headers[i]);
            y += rowH;
            p.setFont(font);
        };
        newPage();
        for (qsizetype r = 0; r < rows.size(); ++r) {
            if (y + rowH > page.bottom())
                newPage();
            if (r % 2)
                p.fillRect(QRect(page.left(), y, page.width(), rowH), QColor(0xf8, 0xfa, 0xfc));
            for (qsizetype i = 0; i < rows[r].size() && i < headers.size(); ++i) {
                const QRect cell(x[i] + 4, y, x[i + 1] - x[i] - 8, rowH);
                p.drawText(cell, Qt::AlignLeft | Qt::AlignVCenter,
                           p.fontMetrics().elidedText(rows[r][i], Qt::ElideRight, cell.width()));
            }
            p.setPen(QColor(0xd8, 0xde, 0xe9));
            p.drawLine(page.left(), y + rowH, page.right(), y + rowH);
            p.setPen(Qt::black);
            y += rowH;
        }
        if (!p.end())
            throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: the PDF could not be finished"),
                        path);
    }
    commitFile(file);
}

QString optionalNumber(const std::optional<int> &n)
{
    return n ? QString::number(*n) : QString();
}

} // namespace

QString PilotRow::completionRate() const
{
    if (registered <= 0)
        return {};
    return QString::number(100.0 * assessed / registered, 'f', 2) + u'%';
}

QList<PilotRow> pilotTable(Database &db)
{
    // A batch is one certificate and level assessed on one date (all its sessions and rooms).
    std::map<std::tuple<QString, QString, QString>, PilotRow> rows;
    ReportStore store(db);
    for (const PilotSession &si : store.pilotSessions()) {
        PilotRow &row = rows[{si.certificate, si.level, si.date}];
        row.certificate = si.certificate;
        row.level = si.level;
        row.batch = si.date;
        if (si.trained)
            row.trained = row.trained.value_or(0) + *si.trained;
        if (si.trainedPublic)
            row.trainedPublic = row.trainedPublic.value_or(0) + *si.trainedPublic;
        const auto [registered, assessedCount] = store.registeredAndAssessed(si.code);
        row.registered += registered;
        row.assessed += assessedCount;
        for (const QString &major : store.majors(si.code))
            if (!row.majors.contains(major))
                row.majors.append(major);
        EventStore none(db, QString());
        Scoring scoring(db, none);
        // Certified counts only assessed candidates, so it can never exceed the assessed column.
        const QSet<QString> assessed = store.assessedTickets(si.code);
        for (const CandidateResult &r : scoring.results(si.code))
            row.certified += r.passed && assessed.contains(r.ticket);
    }
    QList<PilotRow> out;
    for (auto &[key, row] : rows)
        out.append(row);
    return out;
}

QList<SessionReportRow> sessionReport(Database &db, const QString &sessionCode)
{
    EventStore none(db, QString());
    Scoring scoring(db, none);
    const ScoringSheet sheet = scoring.sheet(sessionCode);
    std::map<QString, CandidateResult> results;
    for (const CandidateResult &r : scoring.results(sessionCode))
        results[r.ticket] = r;
    QList<SessionReportRow> out = ReportStore(db).sessionRows(sessionCode);
    for (SessionReportRow &row : out) {
        if (const auto it = results.find(row.ticket); it != results.end()) {
            row.total = it->second.total;
            row.scored = it->second.tasksScored > 0;
            if (!sheet.tasks.isEmpty())
                row.result = it->second.voided     ? QStringLiteral("voided")
                             : it->second.passed   ? QStringLiteral("pass")
                             : it->second.complete ? QStringLiteral("fail")
                                                   : QStringLiteral("incomplete");
        }
    }
    if (out.isEmpty()) {
        if (!SiteStore(db).session(sessionCode))
            throw Error(
                ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("Error", "session '%1' does not exist (see 'examsite sessions list')"),
                sessionCode.left(60));
    }
    return out;
}

ReportFormat reportFormat(const QString &text)
{
    if (text == u"csv")
        return ReportFormat::Csv;
    if (text == u"pdf")
        return ReportFormat::Pdf;
    throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "--format: '%1' (expected csv or pdf)"),
                text.left(20));
}

void writePilotReport(Database &db, ReportFormat format, const QString &path)
{
    const QStringList headers = {QStringLiteral("证书名称"),         QStringLiteral("等级"),
                                 QStringLiteral("考核批次"),         QStringLiteral("覆盖专业"),
                                 QStringLiteral("报名人数"),         QStringLiteral("培训人数"),
                                 QStringLiteral("考核人数"),         QStringLiteral("取证人数"),
                                 QStringLiteral("社会人员培训人数"), QStringLiteral("完成率")};
    QList<QStringList> rows;
    for (const PilotRow &r : pilotTable(db))
        rows.append({r.certificate, r.level, r.batch, r.majors.join(QStringLiteral("、")),
                     QString::number(r.registered), optionalNumber(r.trained), QString::number(r.assessed),
                     QString::number(r.certified), optionalNumber(r.trainedPublic), r.completionRate()});
    if (format == ReportFormat::Csv) {
        writeCsv(path, headers, rows);
        return;
    }
    const auto site = SiteStore(db).site();
    const QString siteName = site ? site->second : QString();
    writeTablePdf(path, QStringLiteral("1+X 证书制度试点情况统计表"),
                  QStringLiteral("%1 · 制表时间 %2 · 完成率 = 考核人数 / 报名人数")
                      .arg(siteName, QDateTime::currentDateTime()
                                         .toTimeZone(siteZone(SiteStore(db).timeZone()))
                                         .toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                  headers, rows, {16, 6, 10, 22, 7, 7, 7, 7, 10, 8});
}

void writeSessionReport(Database &db, const QString &sessionCode, ReportFormat format, const QString &path)
{
    static const std::map<QString, QString> attendanceZh = {
        {QStringLiteral("registered"), QStringLiteral("未签到")},
        {QStringLiteral("present"), QStringLiteral("到考")},
        {QStringLiteral("absent"), QStringLiteral("缺考")},
        {QStringLiteral("late"), QStringLiteral("迟到")},
        {QStringLiteral("left_early"), QStringLiteral("提前离场")},
        {QStringLiteral("re_entered"), QStringLiteral("再次入场")}};
    static const std::map<QString, QString> resultZh = {
        {QStringLiteral("pass"), QStringLiteral("合格")},
        {QStringLiteral("fail"), QStringLiteral("不合格")},
        {QStringLiteral("incomplete"), QStringLiteral("未评完")},
        {QStringLiteral("voided"), QStringLiteral("成绩作废")}};
    static const std::map<QString, QString> methodZh = {
        {QStringLiteral("face"), QStringLiteral("人脸核验")},
        {QStringLiteral("override"), QStringLiteral("人工放行")},
        {QStringLiteral("manual"), QStringLiteral("人工登记")},
        {QStringLiteral("id_card"), QStringLiteral("身份证核验")}};
    const QList<SessionReportRow> report = sessionReport(db, sessionCode);
    const QStringList headers = {
        QStringLiteral("准考证号"), QStringLiteral("姓名"),     QStringLiteral("班级"),
        QStringLiteral("专业"),     QStringLiteral("考场"),     QStringLiteral("座位"),
        QStringLiteral("考勤"),     QStringLiteral("签到方式"), QStringLiteral("异常记录"),
        QStringLiteral("总分"),     QStringLiteral("结果")};
    QList<QStringList> rows;
    int present = 0, passed = 0;
    for (const SessionReportRow &r : report) {
        const auto att = attendanceZh.find(r.attendance);
        const auto res = resultZh.find(r.result);
        const auto method = methodZh.find(r.checkInMethod);
        rows.append({r.ticket, r.name, r.className, r.major, r.room,
                     r.seat ? QString::number(r.seat) : QString(),
                     att != attendanceZh.end() ? att->second : r.attendance,
                     method != methodZh.end() ? method->second : r.checkInMethod,
                     QString::number(r.incidents), r.scored ? QString::number(r.total, 'f', 1) : QString(),
                     res != resultZh.end() ? res->second : QString()});
        present += !r.checkInMethod.isEmpty() && r.attendance != u"absent";
        passed += r.result == u"pass";
    }
    if (format == ReportFormat::Csv) {
        writeCsv(path, headers, rows);
        return;
    }
    writeTablePdf(path, QStringLiteral("考核场次报告 %1").arg(sessionCode),
                  // Every incident of the session: the column counts only those naming the candidate.
                  QStringLiteral("报名 %1 · 到考 %2 · 合格 %3 · 异常记录 %4 条")
                      .arg(report.size())
                      .arg(present)
                      .arg(passed)
                      .arg(ReportStore(db).incidentCount(sessionCode)),
                  headers, rows, {12, 8, 10, 12, 6, 5, 7, 7, 6, 6, 6});
}

} // namespace examsite::ops
