// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "catalog/Catalog.h"
#include "base/Actor.h"
#include "catalog/SettingEdits.h"
#include "catalog/Settings.h"
#include "lab/Lab.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPrinterInfo>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Keepsake {

SettingsDialog::SettingsDialog(const Lab &lab, QWidget *parent) : QDialog(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Keepsake — Lab settings"));
    resize(820, 640);
    m_tabs = new QTabWidget;
    m_tabs->addTab(settingsPage(), tr("Settings"));
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

QWidget *SettingsDialog::settingsPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    const Settings settings(m_lab.catalog());
    const auto entries = settings.all();
    if (!entries) {
        form->addRow(new QLabel(entries.error().message()));
        return page;
    }
    for (const Settings::Entry &entry : *entries) {
        auto *edit = new QLineEdit(entry.isDefault ? QString() : entry.value);
        edit->setObjectName(QStringLiteral("setting_%1").arg(entry.key));
        edit->setPlaceholderText(entry.secret ? QString() : entry.value);
        if (entry.secret)
            edit->setEchoMode(QLineEdit::Password);
        const Settings::Spec *spec = Settings::spec(entry.key);
        edit->setToolTip(spec ? QCoreApplication::translate("Keepsake::Settings", spec->description) : QString());
        auto *label = new QLabel(entry.key);
        label->setToolTip(edit->toolTip());
        form->addRow(label, edit);
        m_fields.insert(entry.key, edit);
        m_loaded.insert(entry.key, edit->text());
    }
    auto *scroll = new QScrollArea;
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    return scroll;
}

QWidget *SettingsDialog::labPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    auto *dataDir = new QLabel(m_lab.dataDir());
    dataDir->setObjectName(QStringLiteral("dataFolder"));
    dataDir->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Data folder"), dataDir);
    form->addRow(QString(), new QLabel(tr("To use another data folder, start Keepsake with --data-dir or set "
                                          "KEEPSAKE_DATA_DIR.")));
    form->addRow(tr("Catalog"), new QLabel(m_lab.catalog().isPostgres() ? tr("PostgreSQL (shared by the chain)")
                                                                          : tr("SQLite in the data folder")));
    QStringList printers = QPrinterInfo::availablePrinterNames();
    form->addRow(tr("Printers"), new QLabel(printers.isEmpty() ? tr("none found (prints go to PDF files)")
                                                               : printers.join(QStringLiteral(", "))));
    return page;
}

bool SettingsDialog::save()
{
    // The clerk changes the lab's settings: checked and audited by core (SettingEdits).
    const SettingEdits edits(m_lab.catalog(), m_lab.clock());
    const Actor clerk = Actor::clerk(Actor::sessionUser(), QStringLiteral("counter"));
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString value = it.value()->text().trimmed();
        if (value == m_loaded.value(it.key()))
            continue;
        const Status status = value.isEmpty() ? edits.unset(clerk, it.key()) : edits.set(clerk, it.key(), value);
        if (!status) {
            m_message->setText(status.error().message());
            it.value()->setFocus();
            return false;
        }
        m_loaded[it.key()] = value;
    }
    m_message->setText(tr("Saved."));
    return true;
}

} // namespace Keepsake
