// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "base/Actor.h"
#include "base/Clock.h"
#include "base/JobRunner.h"
#include "catalog/Catalog.h"
#include "catalog/SettingEdits.h"
#include "lab/Lab.h"
#include "notify/TestMail.h"
#include "retention/RuleBook.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPrinterInfo>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

QLabel *explanationLabel(const QString &text)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    QFont small = label->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    label->setFont(small);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(const Lab &lab, QWidget *parent) : QDialog(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Keepsake — Lab settings"));
    resize(760, 600);
    m_testMail = new JobRunner(this);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    addFields();
    m_tabs->addTab(labPage(), tr("Data, printers and drives"));
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("settingsMessage"));
    m_message->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QWidget *SettingsDialog::fieldsPage(SettingField::Page page, QFormLayout *&form)
{
    auto *content = new QWidget;
    form = new QFormLayout(content);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const QString titles[] = { tr("Lab"), tr("Mail"), tr("Printing") };
    m_tabs->addTab(scroll, titles[int(page)]);
    return content;
}

void SettingsDialog::addFields()
{
    const auto entries = Settings(m_lab.catalog()).all();
    QStringList ruleNames;
    if (const auto rules = RuleBook(m_lab.catalog(), m_lab.clock()).list())
        for (const RetentionRule &rule : *rules)
            ruleNames << rule.name;
    QFormLayout *forms[3] = {};
    for (const SettingField::Page page : { SettingField::Page::Lab, SettingField::Page::Mail, SettingField::Page::Printing })
        fieldsPage(page, forms[int(page)]);
    if (!entries) {
        forms[0]->addRow(explanationLabel(entries.error().message()));
        return;
    }
    for (const Settings::Entry &entry : *entries) {
        SettingField field = SettingFields::make(entry, ruleNames);
        QFormLayout *form = forms[int(field.page)];
        auto *label = new QLabel(field.label);
        label->setBuddy(field.widget);
        form->addRow(label, field.widget);
        if (!field.explanation.isEmpty())
            form->addRow(QString(), explanationLabel(field.explanation));
        m_loaded.insert(entry.key, field.value());
        m_fields.insert(entry.key, field);
    }
    forms[int(SettingField::Page::Mail)]->addRow(testMailBox());
}

QWidget *SettingsDialog::testMailBox()
{
    auto *box = new QGroupBox(tr("Send a test mail"));
    m_testTo = new QLineEdit;
    m_testTo->setObjectName(QStringLiteral("testMailTo"));
    m_testTo->setPlaceholderText(tr("an address to send it to, e.g. the lab's own"));
    m_testSend = new QPushButton(tr("Send a test mail"));
    m_testSend->setObjectName(QStringLiteral("sendTestMail"));
    m_testResult = new QLabel(tr("Uses the settings above as they stand, saved or not."));
    m_testResult->setObjectName(QStringLiteral("testMailResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(m_testTo, 1);
    row->addWidget(m_testSend);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(m_testResult);
    connect(m_testSend, &QPushButton::clicked, this, [this] { sendTestMail(m_testTo->text()); });
    connect(m_testTo, &QLineEdit::returnPressed, this, [this] { sendTestMail(m_testTo->text()); });
    return box;
}

void SettingsDialog::sendTestMail(const QString &to)
{
    if (m_testMail->isRunning())
        return;
    m_testTo->setText(to);
    SmtpConfig config;
    config.host = value(QStringLiteral("smtp.host"));
    config.port = value(QStringLiteral("smtp.port")).toInt();
    config.startTls = SmtpConfig::startTlsFromName(value(QStringLiteral("smtp.starttls")));
    config.user = value(QStringLiteral("smtp.user"));
    config.password = value(QStringLiteral("smtp.password"));
    const Result<QString> from = Settings(m_lab.catalog()).value(QStringLiteral("smtp.from"));
    config.from = value(QStringLiteral("smtp.from")).isEmpty() && from ? *from : value(QStringLiteral("smtp.from"));
    const Result<QString> labName = Settings(m_lab.catalog()).value(QStringLiteral("lab.name"));
    const QString name = value(QStringLiteral("lab.name")).isEmpty() && labName ? *labName : value(QStringLiteral("lab.name"));
    const QDateTime now = m_lab.clock().now();
    m_testSend->setEnabled(false);
    m_testResult->setText(tr("Sending a test mail to %1 through %2…").arg(to, config.host));
    m_testMail->start([config, to, name, now](JobControl &) { return TestMail::send(config, to, name, now); },
                      [this, to](const Status &sent) {
                          m_testSend->setEnabled(true);
                          const QString text = sent ? tr("The test mail to %1 was sent. Check that it arrived.").arg(to)
                                                    : sent.error().message();
                          m_testResult->setText(text);
                          Q_EMIT testMailDone(sent.ok(), text);
                      });
}

bool SettingsDialog::isSendingTestMail() const
{
    return m_testMail->isRunning();
}

QWidget *SettingsDialog::labPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    auto *dataDir = new QLabel(m_lab.dataDir());
    dataDir->setObjectName(QStringLiteral("dataFolder"));
    dataDir->setWordWrap(true);
    dataDir->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Data folder"), dataDir);
    form->addRow(QString(), explanationLabel(tr("To use another data folder, start Keepsake with --data-dir or set "
                                                "KEEPSAKE_DATA_DIR.")));
    form->addRow(tr("Catalog"), new QLabel(m_lab.catalog().isPostgres() ? tr("PostgreSQL (shared by the chain)")
                                                                          : tr("SQLite in the data folder")));
    const QStringList printers = QPrinterInfo::availablePrinterNames();
    auto *printerList = new QLabel(printers.isEmpty() ? tr("none found (prints go to PDF files)")
                                                      : printers.join(QStringLiteral(", ")));
    printerList->setWordWrap(true);
    form->addRow(tr("Printers"), printerList);
    return page;
}

void SettingsDialog::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

QWidget *SettingsDialog::field(const QString &key) const
{
    return m_fields.value(key).widget;
}

QString SettingsDialog::value(const QString &key) const
{
    const auto found = m_fields.constFind(key);
    return found == m_fields.cend() ? QString() : found->value();
}

void SettingsDialog::setValue(const QString &key, const QString &value)
{
    const auto found = m_fields.constFind(key);
    if (found != m_fields.cend())
        found->setValue(value);
}

bool SettingsDialog::save()
{
    // The clerk changes the lab's settings: checked and audited by core (SettingEdits).
    const SettingEdits edits(m_lab.catalog(), m_lab.clock());
    const Actor clerk = Actor::clerk(Actor::sessionUser(), QStringLiteral("counter"));
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString value = it->value();
        if (value == m_loaded.value(it.key()))
            continue;
        const Status status = value.isEmpty() && it->emptyMeansDefault ? edits.unset(clerk, it.key())
                                                                       : edits.set(clerk, it.key(), value);
        if (!status) {
            m_message->setText(status.error().message());
            m_tabs->setCurrentIndex(int(it->page));
            it->widget->setFocus();
            return false;
        }
        m_loaded[it.key()] = value;
    }
    m_message->setText(tr("Saved."));
    return true;
}

} // namespace Keepsake
