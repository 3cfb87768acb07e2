// Runs the tst_*.qml files of this folder with the product's QML modules linked in statically. The
// screenshots the screen tests keep go to $EXAMSITE_SCREENSHOTS (default <build>/screenshots), given
// to the tests as `screenshotDir`.
#include <QDir>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(ExamSite_UiPlugin)
Q_IMPORT_QML_PLUGIN(ExamSitePlugin)

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Material")); }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral(":/"));
        QString dir = qEnvironmentVariable("EXAMSITE_SCREENSHOTS");
        if (dir.isEmpty())
            dir = QStringLiteral(EXAMSITE_SCREENSHOTS_DEFAULT);
        QDir().mkpath(dir);
        engine->rootContext()->setContextProperty(QStringLiteral("screenshotDir"), QDir(dir).absolutePath());
    }
};

QUICK_TEST_MAIN_WITH_SETUP(examsite_qml, Setup)

#include "tst_qml.moc"
