-- A flow message's template is one of the account's templates (create and update check it); deleting the template
-- leaves the message without one rather than naming a template that is gone. Messages written before the check
-- could name any id: those that name no template lose it first, so the key can be added.
update flow_message m set template_id = null
 where template_id is not null
   and not exists (select 1 from template t where t.account_id = m.account_id and t.id = m.template_id);

alter table flow_message add constraint flow_message_template
    foreign key (account_id, template_id) references template (account_id, id) on delete set null (template_id);
