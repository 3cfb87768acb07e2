// Scoring on the Operations page: the session's scoring sheet (tasks, maxima, pass mark, double
// scoring), an evaluator's points for a candidate's task, the discrepancies between two evaluators and
// their resolution, and the evaluator's signature that locks their scores. The rules are Scoring's.
#pragma once

#include "operations/scorestore.h"
#include "ui/sessionscopedviewmodel.h"

#include <QStringList>
#include <QVariantList>

namespace examsite {

class ScoringViewModel : public examsite::SessionScopedViewModel // qualified for qmltyperegistrar
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QStringList tasks READ tasks NOTIFY changed)
    Q_PROPERTY(QString sheetSummary READ sheetSummary NOTIFY changed)
    Q_PROPERTY(QVariantList discrepancies READ discrepancies NOTIFY changed)

public:
    using SessionScopedViewModel::SessionScopedViewModel;

    /// The sheet's task names, in order.
    QStringList tasks() const { return m_tasks; }
    /// "practical 100, theory 50; pass mark 90" or "" without a sheet, in the language of the moment
    /// (built when read: a summary kept from the last reload stayed in English in the Chinese console).
    QString sheetSummary() const;
    /// Open double-scoring discrepancies: {ticket, task, entries: "wang 80, li 60"}.
    QVariantList discrepancies() const { return m_discrepancies; }

    void reload() override;
    /// An evaluator's points for a candidate's task.
    Q_INVOKABLE bool enterScore(const QString &ticket, const QString &task, const QString &points);
    /// The site admin defines the scoring sheet: tasks as "name:max, name:max", the pass mark, and
    /// whether two evaluators score every task.
    Q_INVOKABLE bool defineSheet(const QString &tasks, const QString &passMark, bool doubleScoring);
    /// The site admin settles a discrepancy with the final points and a reason.
    Q_INVOKABLE bool resolveDiscrepancy(const QString &ticket, const QString &task, const QString &points,
                                        const QString &reason);
    /// An evaluator signs their sheet with their key file (evaluator.key) and its passphrase.
    Q_INVOKABLE bool signSheet(const QString &keyFile, const QString &passphrase);

private:
    QStringList m_tasks;
    ops::ScoringSheet m_sheet;
    QVariantList m_discrepancies;
};

} // namespace examsite
