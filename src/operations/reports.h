// Site reports (docs/operations.md): the per-session report (attendance, incidents, scores, pass/fail)
// and the site's 1+X pilot table per certificate, level and batch, as CSV (UTF-8 with BOM, for Excel)
// and PDF (A4, Noto Sans CJK). Views of the store; nothing here changes it.
#pragma once

#include <optional>
#include <QList>
#include <QString>
#include <QStringList>

namespace examsite {
class Database;
}

namespace examsite::ops {

struct PilotRow
{
    QString certificate, level, batch; ///< batch: the assessment date, YYYY-MM-DD
    QStringList majors;
    int registered = 0;
    std::optional<int> trained; ///< entered by the site (training happens outside ExamSite)
    int assessed = 0;
    int certified = 0;
    std::optional<int> trainedPublic;
    /// assessed / registered in percent, two decimals ("91.33%"); "" when nobody registered.
    QString completionRate() const;
};

struct SessionReportRow
{
    QString ticket, name, className, major, room, attendance, checkInMethod;
    int seat = 0;
    int incidents = 0;
    double total = 0;
    bool scored = false;
    QString result; ///< "pass", "fail", "incomplete", "voided" or "" without a scoring sheet
};

QList<PilotRow> pilotTable(Database &db);
QList<SessionReportRow> sessionReport(Database &db, const QString &sessionCode);

enum class ReportFormat { Csv, Pdf };
/// Parses "csv" or "pdf"; Error(Input) otherwise.
ReportFormat reportFormat(const QString &text);

/// Writes the pilot table. Error(Storage) naming the file when it cannot be written (nothing is left
/// half-written: the file appears only complete).
void writePilotReport(Database &db, ReportFormat format, const QString &path);
void writeSessionReport(Database &db, const QString &sessionCode, ReportFormat format, const QString &path);

} // namespace examsite::ops
